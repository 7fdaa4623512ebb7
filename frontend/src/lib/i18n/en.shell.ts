/** English for the app shell and shared pieces; exactly the keys of zh.shell.ts. */
import type { zhShell } from './zh.shell';

export const enShell: Record<keyof typeof zhShell, string> = {
  'shell.skipToContent': 'Skip to main content',
  'shell.mainNav': 'Main navigation',
  'shell.titleSeparator': ' - ',
  'shell.notFoundTitle': 'Page not found',
  'shell.errorTitle': 'Something went wrong',
  'shell.loginTitle': 'Sign in',

  'chart.showTable': 'Show the data as a table',
  'chart.showChart': 'Show the chart',
  'chart.tableCaption': '{title} (data table)',
  'chart.category': 'Category',
  'chart.value': 'Value',
  'chart.open': 'Open the list for “{label}”',
  'chart.empty': 'No data yet',

  'a11y.organizationFilter': 'Filter by organization',
  'a11y.rowActions': '{action} {object}',
};
