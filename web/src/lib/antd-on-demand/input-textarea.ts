import { onDemand } from './on-demand.js';

/** Input.TextArea: drawn only in forms of lazily loaded pages, so fetched once the browser is idle. */
export default onDemand(() => import('antd/es/input/TextArea.js'), { prefetch: true });
