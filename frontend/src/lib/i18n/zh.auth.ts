/** 中文：登录和退出。并入 zh.ts；英文见 en.auth.ts，键名逐一对应。 */
export const zhAuth = {
  'login.subtitle': '请登录您的账号',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'auth.logout': '退出登录',
  'auth.account': '账号',
} as const;
