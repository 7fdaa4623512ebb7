/** English of signing in and out: every key of zh.auth.ts, and no other. */
import type { zhAuth } from './zh.auth';

export const enAuth: Record<keyof typeof zhAuth, string> = {
  'login.subtitle': 'Sign in to your account',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.account': 'Account',
};
