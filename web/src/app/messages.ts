import { defineMessages } from '../lib/i18n.js';

// Texts of the app shell: product name, menu, top bar, breadcrumbs.
export const appMessages = defineMessages(
  {
    'brand.name': '同心',
    'brand.subtitle': '新的社会阶层人士工作平台',
    'nav.workbench': '工作台',
    'nav.org': '组织机构',
    'nav.system': '系统管理',
    'nav.users': '账户管理',
    'nav.roles': '角色权限',
    'nav.audit': '审计日志',
    'nav.account': '账户安全',
    'nav.notFound': '页面不存在',
    'nav.home': '首页',
    'header.collapse': '收起菜单',
    'header.expand': '展开菜单',
    'header.account': '账户安全',
    'header.logout': '退出登录',
    'header.userMenu': '用户菜单：{name}',
    'header.mainMenu': '主菜单',
    'home.noPermission.title': '您的账户暂无可用功能',
    'home.noPermission.description': '当前角色没有分配任何页面的权限。请联系安全管理员为您分配角色。',
    skipToContent: '跳到主要内容',
    footer: '同心 · 新的社会阶层人士工作平台',
  },
  {
    'brand.name': 'Tongxin',
    'brand.subtitle': 'New Social Strata Work Platform',
    'nav.workbench': 'Workbench',
    'nav.org': 'Organisation',
    'nav.system': 'System',
    'nav.users': 'Accounts',
    'nav.roles': 'Roles & permissions',
    'nav.audit': 'Audit log',
    'nav.account': 'Account security',
    'nav.notFound': 'Page not found',
    'nav.home': 'Home',
    'header.collapse': 'Collapse menu',
    'header.expand': 'Expand menu',
    'header.account': 'Account security',
    'header.logout': 'Log out',
    'header.userMenu': 'User menu: {name}',
    'header.mainMenu': 'Main menu',
    'home.noPermission.title': 'Your account has no functions yet',
    'home.noPermission.description':
      'Your roles do not grant access to any page. Ask the security administrator to assign you a role.',
    skipToContent: 'Skip to main content',
    footer: 'Tongxin · New Social Strata Work Platform',
  },
);

export type AppMessageKey = keyof (typeof appMessages)['zh-CN'];
