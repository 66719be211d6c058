import type useMessage from 'antd/es/message/useMessage.js';
import { deferHook } from './deferred-hook.js';

/** Stand-in for antd's useMessage inside <App> (see deferred-hook.tsx). */
export default deferHook(() => import('antd/es/message/useMessage.js'), [
  'open', 'info', 'success', 'warning', 'error', 'loading', 'destroy',
]) as unknown as typeof useMessage;
