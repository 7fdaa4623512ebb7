/** 中文：数据看板。并入 zh.ts；英文见 en.dashboard.ts，键名逐一对应。 */
export const zhDashboard = {
  'nav.dashboard': '数据看板',

  'dashboard.titleFor': '数据看板：{name}',
  'dashboard.switch': '切换组织',
  'dashboard.hint': '统计范围包括该组织及其全部下级组织。点击数字或图表可查看对应的名单。',
  'dashboard.total': '组织总数',
  'dashboard.weakAndLax': '软弱涣散组织',
  'dashboard.byDomain': '按领域',
  'dashboard.byTier': '按层级',
  'dashboard.byFlag': '重点标记',
  'dashboard.noData': '暂无数据',
  'dashboard.members': '党员人数',
  'dashboard.hoursThisYear': '本年度已认定服务时长',
  'dashboard.pendingRecords': '待审核服务记录',
  'dashboard.peopleUnit': '人',
  'dashboard.recordsUnit': '条',

  'dashboard.secretariesInPlace': '书记在岗组织',
  'dashboard.secretaryVacancies': '书记空缺组织',
  'dashboard.firstSecretaries': '第一书记',
} as const;
