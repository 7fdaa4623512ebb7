/** 中文：应用名称、界面语言和各页共用的词语（按钮、分页、树、编辑冲突、导出、找不到页面）。并入 zh.ts；英文见 en.common.ts，键名逐一对应。 */
export const zhCommon = {
  'app.title': '基层服务型党组织建设平台',
  'app.shortTitle': '党组织建设平台',
  'language.label': '界面语言',

  'nav.open': '打开菜单',

  'common.loading': '正在加载…',
  'common.noResults': '没有找到结果',
  'common.retry': '重试',
  'common.cancel': '取消',
  'common.save': '保存',
  'common.create': '创建',
  'common.edit': '编辑',
  'common.delete': '删除',
  'common.copy': '复制',
  'common.copied': '已复制',
  'form.required': '此项为必填项',

  'pager.previous': '上一页',
  'pager.next': '下一页',
  'pager.page': '第 {page} 页',
  'pager.pageOfTotal': '第 {page} 页，共 {total} 条',

  'notFound.title': '页面不存在',
  'notFound.body': '您访问的页面不存在或已被移除。',
  'notFound.home': '返回首页',
  'routeError.title': '页面出错了',
  'routeError.newVersion': '系统已更新，请刷新页面以载入新版本。',
  'routeError.reload': '刷新页面',

  'tree.label': '组织树',
  'tree.loadMore': '加载更多…',

  'conflict.title': '保存失败：这个组织刚刚被其他人修改过',
  'conflict.body': '下表列出您修改的内容和它们目前保存的值。您可以在最新数据的基础上重新应用您的修改，或放弃您的修改并载入最新数据。',
  'conflict.field': '字段',
  'conflict.mine': '您的修改',
  'conflict.current': '当前保存的值',
  'conflict.changedByOthers': '已被他人修改',
  'conflict.reapply': '重新应用我的修改',
  'conflict.discard': '放弃我的修改，载入最新数据',

  'common.yes': '是',
  'common.no': '否',
  'common.close': '关闭',
  'common.more': '展开',
  'common.all': '查看全部',

  'export.button': '导出',
  'export.csv': '导出 CSV 表格',
  'export.xlsx': '导出 Excel 表格',
} as const;
