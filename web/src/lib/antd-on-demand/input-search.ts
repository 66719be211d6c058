import { onDemand } from './on-demand.js';

/** Input.Search (the app's search boxes are plain inputs and selects). */
export default onDemand(() => import('antd/es/input/Search.js'));
