/** 中文：应用框架和共用部件（跳转链接、主导航、图表的数据表、页面标题）。并入 zh.ts；英文见 en.shell.ts，键名逐一对应。 */
export const zhShell = {
  'shell.skipToContent': '跳到正文',
  'shell.mainNav': '主导航',
  'shell.titleSeparator': ' - ',
  'shell.notFoundTitle': '页面不存在',
  'shell.errorTitle': '出错了',
  'shell.loginTitle': '登录',

  'chart.showTable': '以表格查看数据',
  'chart.showChart': '以图表查看',
  'chart.tableCaption': '{title}（数据表）',
  'chart.category': '类别',
  'chart.value': '数值',
  'chart.open': '查看“{label}”的名单',
  'chart.empty': '暂无数据',

  'a11y.organizationFilter': '按组织筛选',
  'a11y.rowActions': '{action} {object}',
} as const;
