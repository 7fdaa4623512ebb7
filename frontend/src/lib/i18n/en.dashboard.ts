/** English of the dashboard: every key of zh.dashboard.ts, and no other. */
import type { zhDashboard } from './zh.dashboard';

export const enDashboard: Record<keyof typeof zhDashboard, string> = {
  'nav.dashboard': 'Dashboard',

  'dashboard.titleFor': 'Dashboard: {name}',
  'dashboard.switch': 'Switch organization',
  'dashboard.hint': 'Counts cover this organization and everything below it. Click a figure or a chart to open the matching list.',
  'dashboard.total': 'Organizations',
  'dashboard.weakAndLax': 'Weak and lax',
  'dashboard.byDomain': 'By domain',
  'dashboard.byTier': 'By tier',
  'dashboard.byFlag': 'Flagged',
  'dashboard.noData': 'No data yet',
  'dashboard.members': 'Members',
  'dashboard.hoursThisYear': 'Verified hours this year',
  'dashboard.pendingRecords': 'Records to verify',
  'dashboard.peopleUnit': '',
  'dashboard.recordsUnit': '',

  'dashboard.secretariesInPlace': 'Secretaries in place',
  'dashboard.secretaryVacancies': 'Secretary vacancies',
  'dashboard.firstSecretaries': 'First secretaries',
};
