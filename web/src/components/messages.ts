import { defineMessages, type MessageCatalog } from '../lib/i18n.js';
import { coreMessages, type CoreMessageKey } from './core-messages.js';

// Texts of the shared components (result pages, list filters and result card, keyset pager, form
// drawer, unit tags), plus those the first screen needs (core-messages.ts).
const moreMessages = defineMessages(
  {
    'forbidden.title': '没有访问权限',
    'forbidden.description': '您的角色不包含查看此页面的权限。如需使用，请联系安全管理员为您分配相应角色。',
    'notFound.title': '页面不存在',
    'notFound.description': '您访问的地址不存在，可能已被移动或输入有误。',
    'serverError.description': '处理请求时发生错误。请刷新后重试；如果问题持续，请联系系统管理员。',
    'serverError.requestId': '请求编号：{id}',
    backHome: '返回首页',
    retry: '重试',
    // list pages: filter form and result card
    search: '查询',
    reset: '重置',
    expand: '展开',
    collapse: '收起',
    refresh: '刷新',
    // after a list or tree failed to load (the result pages' `retry` says "Try again" in English)
    retryLoad: '重试',
    // keyset pager
    'pager.prev': '上一页',
    'pager.next': '下一页',
    'pager.first': '首页',
    'pager.page': '第 {page} / {pages} 页',
    'pager.pageOnly': '第 {page} 页',
    'pager.pageSize': '每页 {n} 条',
    // form drawers and modals
    cancel: '取消',
    'unsaved.title': '放弃未保存的修改？',
    'unsaved.body': '表单中的修改还没有保存，关闭后将会丢失。',
    'unsaved.discard': '放弃修改',
    'unsaved.keep': '继续编辑',
    // unit tags and pickers
    'unit.inactive': '已停用',
    'unitKind.district': '区',
    'unitKind.street': '街道',
    'unitKind.town': '镇',
    'unitKind.community': '社区',
    'unitKind.village': '村',
    'unitKind.memberUnit': '成员单位',
    'unitKind.office': '科室',
    'unitKind.base': '实践创新基地',
    'unitKind.platform': '行业服务平台',
    'unitKind.association': '协会/联合会',
    'unitKind.team': '服务团/队伍',
  },
  {
    'forbidden.title': 'No access',
    'forbidden.description':
      'Your roles do not include permission to see this page. If you need it, ask the security administrator to assign you a suitable role.',
    'notFound.title': 'Page not found',
    'notFound.description': 'This address does not exist; it may have moved or been mistyped.',
    'serverError.description':
      'An error occurred while handling the request. Reload and try again; if it persists, contact the system administrator.',
    'serverError.requestId': 'Request id: {id}',
    backHome: 'Back to home',
    retry: 'Try again',
    search: 'Search',
    reset: 'Reset',
    expand: 'More filters',
    collapse: 'Fewer filters',
    refresh: 'Refresh',
    retryLoad: 'Retry',
    'pager.prev': 'Previous',
    'pager.next': 'Next',
    'pager.first': 'First',
    'pager.page': 'Page {page} of {pages}',
    'pager.pageOnly': 'Page {page}',
    'pager.pageSize': '{n} / page',
    cancel: 'Cancel',
    'unsaved.title': 'Discard unsaved changes?',
    'unsaved.body': 'The changes in this form have not been saved and will be lost if you close it.',
    'unsaved.discard': 'Discard changes',
    'unsaved.keep': 'Keep editing',
    'unit.inactive': 'Deactivated',
    'unitKind.district': 'District',
    'unitKind.street': 'Street',
    'unitKind.town': 'Town',
    'unitKind.community': 'Community',
    'unitKind.village': 'Village',
    'unitKind.memberUnit': 'Member unit',
    'unitKind.office': 'Office',
    'unitKind.base': 'Practice base',
    'unitKind.platform': 'Industry platform',
    'unitKind.association': 'Association',
    'unitKind.team': 'Service team',
  },
);

type MoreMessageKey = keyof (typeof moreMessages)['zh-CN'] & string;

export const componentMessages: MessageCatalog<CoreMessageKey | MoreMessageKey> = {
  'zh-CN': { ...coreMessages['zh-CN'], ...moreMessages['zh-CN'] },
  'en-US': { ...coreMessages['en-US'], ...moreMessages['en-US'] },
};
