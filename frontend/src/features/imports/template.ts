/** Import templates, made by the server (`GET /imports/{kind}/template`): headers, an example and notes. */
import { api } from '../../api/client';
import type { ExportedFile } from '../../components/ExportButtons';
import { filenameFromDisposition, unwrapBlob, type ExportFormat } from '../../lib/download';
import type { ImportKind } from './api';

/** Columns a file must hold, or the whole import is refused (as the intro of the wizard says). */
export const REQUIRED_HEADERS: Record<ImportKind, readonly string[]> = {
  members: ['姓名', '所在党组织编码'],
  'volunteer-records': ['公民身份号码', '服务日期', '服务时长（小时）', '服务类型'],
};

const FALLBACK_NAMES: Record<ImportKind, string> = {
  members: '党员导入模板',
  'volunteer-records': '志愿服务记录导入模板',
};

/** The template as the server makes it, downloaded with the caller's token. */
export async function downloadTemplate(kind: ImportKind, format: ExportFormat): Promise<ExportedFile> {
  const options = { params: { query: { format } }, parseAs: 'blob' as const };
  const { blob, response } = await unwrapBlob(
    kind === 'members'
      ? api.GET('/api/v1/imports/members/template', options)
      : api.GET('/api/v1/imports/volunteer-records/template', options),
  );
  const fallback = `${FALLBACK_NAMES[kind]}.${format}`;
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), fallback) };
}
