import { defineMessages } from '../../lib/i18n.js';

// Texts of the login screen and the brand panel around the auth screens: apart from the other auth
// texts (messages.ts), which only lazily loaded screens need, to keep the first load small.
export const loginMessages = defineMessages(
  {
    'brand.name': '同心',
    'brand.subtitle': '新的社会阶层人士工作平台',
    'brand.tagline': '凝聚新阶层 · 同心促发展',
    'brand.points': '统一底数 · 精准服务 · 全程留痕',
    'brand.footer': '仅限授权人员使用，所有操作均记录审计日志',

    'login.title': '账户登录',
    'login.subtitle': '请使用本单位分配的账户登录',
    'login.username': '用户名',
    'login.usernameRequired': '请输入用户名',
    'login.password': '密码',
    'login.passwordRequired': '请输入密码',
    'login.totp': '动态验证码',
    'login.totpHint': '打开手机上的身份验证器，输入显示的 6 位数字',
    'login.totpRequired': '请输入 6 位动态验证码',
    'login.submit': '登录',
    'login.submitTotp': '验证并登录',
    'login.expired': '登录已超时，请重新登录',
    'login.loggedOut': '您已安全退出',
    'login.forgot': '忘记密码或账户被锁定？请联系本单位的安全管理员重置。',
  },
  {
    'brand.name': 'Tongxin',
    'brand.subtitle': 'New Social Strata Work Platform',
    'brand.tagline': 'One heart with the new social strata',
    'brand.points': 'One headcount · Targeted service · Every step on record',
    'brand.footer': 'For authorised staff only; every action is recorded in the audit log',

    'login.title': 'Log in',
    'login.subtitle': 'Use the account your unit issued to you',
    'login.username': 'Username',
    'login.usernameRequired': 'Enter your username',
    'login.password': 'Password',
    'login.passwordRequired': 'Enter your password',
    'login.totp': 'Verification code',
    'login.totpHint': 'Open the authenticator app on your phone and enter the 6-digit code it shows',
    'login.totpRequired': 'Enter the 6-digit code',
    'login.submit': 'Log in',
    'login.submitTotp': 'Verify and log in',
    'login.expired': 'Your session has expired; please log in again',
    'login.loggedOut': 'You have logged out',
    'login.forgot': "Forgot your password or locked out? Ask your unit's security administrator to reset it.",
  },
);

export type LoginMessageKey = keyof (typeof loginMessages)['zh-CN'] & string;
