import { onDemand } from './on-demand.js';

/** rc-input's ResizableTextArea as its package index re-exports it (rc-input's TextArea imports its own). */
export default onDemand(() => import('@rc-component/input/es/ResizableTextArea.js'));
