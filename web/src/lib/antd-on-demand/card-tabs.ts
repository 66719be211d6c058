import { onDemand } from './on-demand.js';

/** Card's Tabs, which it draws only for a `tabList` (no card here has one). */
export default onDemand(() => import('antd/es/tabs/index.js'));
