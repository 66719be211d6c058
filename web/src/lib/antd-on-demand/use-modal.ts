import type useModal from 'antd/es/modal/useModal/index.js';
import { deferHook } from './deferred-hook.js';

/** Stand-in for antd's useModal inside <App> (see deferred-hook.tsx). */
export default deferHook(() => import('antd/es/modal/useModal/index.js'), [
  'info', 'success', 'warning', 'error', 'confirm',
]) as unknown as typeof useModal;
