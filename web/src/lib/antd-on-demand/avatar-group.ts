import { onDemand } from './on-demand.js';

/** Avatar.Group, with the Popover it uses for overflow (the header shows a single avatar). */
export default onDemand(() => import('antd/es/avatar/AvatarGroup.js'));
