import { onDemand } from './on-demand.js';

/** Typography's in-place editor, drawn only while editing an `editable` text (none here). */
export default onDemand(() => import('antd/es/typography/Editable.js'));
