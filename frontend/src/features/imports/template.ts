/** Import templates, made by the server (`GET /imports/{kind}/template`): headers, an example and notes. */
import { api } from '../../api/client';
import type { ExportedFile } from '../../components/ExportButtons';
import { filenameFromDisposition, unwrapBlob, type ExportFormat } from '../../lib/download';
import type { ImportKind } from './api';

/** Columns a file must hold, or the whole import is refused (as the intro of the wizard says). */
export const REQUIRED_HEADERS: Record<ImportKind, readonly string[]> = {
  members: ['姓名', '所在党组织编码'],
  'volunteer-records': ['公民身份号码', '服务日期', '服务时长（小时）', '服务类型'],
  grids: ['所属组织编码', '网格编码', '网格名称'],
  'grid-teams': ['所属组织编码', '网格编码', '团队名称', '角色'],
  units: ['所属组织编码', '单位名称', '单位类型'],
  'grid-boundaries': [],
};

const FALLBACK_NAMES: Record<ImportKind, string> = {
  members: '党员导入模板',
  'volunteer-records': '志愿服务记录导入模板',
  grids: '网格导入模板',
  'grid-teams': '网格服务团队导入模板',
  units: '单位导入模板',
  'grid-boundaries': '网格边界示例',
};

function templateRequest(kind: ImportKind, format: ExportFormat) {
  const options = { params: { query: { format } }, parseAs: 'blob' as const };
  switch (kind) {
    case 'members':
      return api.GET('/api/v1/imports/members/template', options);
    case 'volunteer-records':
      return api.GET('/api/v1/imports/volunteer-records/template', options);
    case 'grids':
      return api.GET('/api/v1/imports/grids/template', options);
    case 'grid-teams':
      return api.GET('/api/v1/imports/grid-teams/template', options);
    case 'units':
      return api.GET('/api/v1/imports/units/template', options);
    case 'grid-boundaries':
      // An example FeatureCollection: one format only.
      return api.GET('/api/v1/imports/grid-boundaries/template', { parseAs: 'blob' as const });
  }
}

/** The template as the server makes it, downloaded with the caller's token. */
export async function downloadTemplate(kind: ImportKind, format: ExportFormat): Promise<ExportedFile> {
  const { blob, response } = await unwrapBlob(templateRequest(kind, format));
  const fallback = `${FALLBACK_NAMES[kind]}.${kind === 'grid-boundaries' ? 'geojson' : format}`;
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), fallback) };
}
