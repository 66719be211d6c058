import type useNotification from 'antd/es/notification/useNotification.js';
import { deferHook } from './deferred-hook.js';

/** Stand-in for antd's useNotification inside <App> (see deferred-hook.tsx). */
export default deferHook(() => import('antd/es/notification/useNotification.js'), [
  'open', 'info', 'success', 'warning', 'error', 'destroy',
]) as unknown as typeof useNotification;
