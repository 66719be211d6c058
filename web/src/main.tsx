import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TongxinApp } from './app/app.js';
import './app/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <TongxinApp />
  </StrictMode>,
);
