import { onDemand } from './on-demand.js';

/**
 * rc-input's TextArea (under antd's): the Input the first screen uses comes from the same package
 * index, which would otherwise carry it along. Fetched once the browser is idle, like Input.TextArea.
 */
export default onDemand(() => import('@rc-component/input/es/TextArea.js'), { prefetch: true });
