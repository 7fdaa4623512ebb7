/** Blank tables to fill in: the headers the importer reads, as a CSV that Excel opens in UTF-8. */
import type { ImportKind } from './api';

/** As in backend/grassroots/members/tabular.py (the required ones first in the importer's eyes). */
export const MEMBER_HEADERS = [
  '姓名',
  '性别',
  '出生日期',
  '民族',
  '手机号码',
  '公民身份号码',
  '所在党组织编码',
  '党员类别',
  '入党日期',
  '是否流动党员',
  '流动去向',
  '是否在职',
  '工作单位',
  '报到社区编码',
  '报到日期',
  '是否老党员',
  '是否生活困难',
] as const;

/** As in backend/grassroots/volunteering/tabular.py, without the status (the import sets it). */
export const RECORD_HEADERS = ['党员姓名', '公民身份号码', '服务日期', '服务时长（小时）', '服务类型', '服务对象人数', '服务内容'] as const;

/** Columns a file must hold, or the whole import is refused. */
export const REQUIRED_HEADERS: Record<ImportKind, readonly string[]> = {
  members: ['姓名', '所在党组织编码'],
  'volunteer-records': ['公民身份号码', '服务日期', '服务时长（小时）', '服务类型'],
};

const BOM = '\uFEFF';

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function templateHeaders(kind: ImportKind): readonly string[] {
  return kind === 'members' ? MEMBER_HEADERS : RECORD_HEADERS;
}

/** The template's text: a byte-order mark (so that Excel reads UTF-8), then the header row. */
export function templateCsv(kind: ImportKind): string {
  return `${BOM}${templateHeaders(kind).map(csvCell).join(',')}\r\n`;
}

export function templateFilename(kind: ImportKind): string {
  return kind === 'members' ? '党员导入模板.csv' : '志愿服务记录导入模板.csv';
}
