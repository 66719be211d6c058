import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { onDayjsLocale } from './dayjs-locale.js';

// Import dayjs from here, not from 'dayjs': this module registers the Chinese locale (which antd's
// date pickers need) and keeps dayjs's language on the UI language.
onDayjsLocale((locale) => dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en'));

export default dayjs;
export type { Dayjs } from 'dayjs';
