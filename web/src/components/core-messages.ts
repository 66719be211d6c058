import { defineMessages } from '../lib/i18n.js';

// Texts of the shared components on the first screen (language switch, loading spinner, form error
// helper, the fallback when a page's code cannot load): apart from the other component texts
// (messages.ts, which includes these), which only lazily loaded pages need.
export const coreMessages = defineMessages(
  {
    'serverError.title': '页面出错了',
    'serverError.chunk': '系统可能刚刚完成升级，请刷新页面以加载最新版本。',
    reload: '刷新页面',
    networkError: '无法连接服务器，请检查网络后重试',
    unknownError: '操作失败，请稍后重试',
    'language.label': '语言',
    'language.zh-CN': '中文',
    'language.en-US': 'English',
    loading: '正在加载…',
  },
  {
    'serverError.title': 'Something went wrong',
    'serverError.chunk': 'The system may just have been upgraded; reload the page to get the latest version.',
    reload: 'Reload page',
    networkError: 'Cannot reach the server; check the network and try again',
    unknownError: 'The operation failed; please try again later',
    'language.label': 'Language',
    'language.zh-CN': '中文',
    'language.en-US': 'English',
    loading: 'Loading…',
  },
);

export type CoreMessageKey = keyof (typeof coreMessages)['zh-CN'] & string;
