import { defineMessages } from '../lib/i18n.js';

// Texts of the shared components (result pages, form error helper, language switch, skeletons).
export const componentMessages = defineMessages(
  {
    'forbidden.title': '没有访问权限',
    'forbidden.description': '您的角色不包含查看此页面的权限。如需使用，请联系安全管理员为您分配相应角色。',
    'notFound.title': '页面不存在',
    'notFound.description': '您访问的地址不存在，可能已被移动或输入有误。',
    'serverError.title': '页面出错了',
    'serverError.description': '处理请求时发生错误。请刷新后重试；如果问题持续，请联系系统管理员。',
    'serverError.requestId': '请求编号：{id}',
    'serverError.chunk': '系统可能刚刚完成升级，请刷新页面以加载最新版本。',
    backHome: '返回首页',
    retry: '重试',
    reload: '刷新页面',
    networkError: '无法连接服务器，请检查网络后重试',
    unknownError: '操作失败，请稍后重试',
    'language.label': '语言',
    'language.zh-CN': '中文',
    'language.en-US': 'English',
    loading: '正在加载…',
  },
  {
    'forbidden.title': 'No access',
    'forbidden.description':
      'Your roles do not include permission to see this page. If you need it, ask the security administrator to assign you a suitable role.',
    'notFound.title': 'Page not found',
    'notFound.description': 'This address does not exist; it may have moved or been mistyped.',
    'serverError.title': 'Something went wrong',
    'serverError.description':
      'An error occurred while handling the request. Reload and try again; if it persists, contact the system administrator.',
    'serverError.requestId': 'Request id: {id}',
    'serverError.chunk': 'The system may just have been upgraded; reload the page to get the latest version.',
    backHome: 'Back to home',
    retry: 'Try again',
    reload: 'Reload page',
    networkError: 'Cannot reach the server; check the network and try again',
    unknownError: 'The operation failed; please try again later',
    'language.label': 'Language',
    'language.zh-CN': '中文',
    'language.en-US': 'English',
    loading: 'Loading…',
  },
);
