import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { Grid } from '../../api/types';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { STATUS_COLOURS, type GridStatus } from './geo';

export function StatusTag({ status }: { status: GridStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`grid.status.${status}`)}</Tag>;
}

interface GridTableProps {
  grids: Grid[];
  statusOf?: (grid: Grid) => GridStatus;
  loading?: boolean;
  /** Client-side pages of this size (the map's table); without it, the rows shown are all. */
  pageSize?: number;
  caption?: string;
}

/** Grids as a table: the list page's rows, and the data behind the map. */
export function GridTable({ grids, statusOf, loading, pageSize, caption }: GridTableProps) {
  const { t, language } = useI18n();
  const columns: ColumnsType<Grid> = [
    { key: 'code', title: t('grid.code'), render: (_, grid) => <Link to={`/grids/${grid.id}`}>{grid.code}</Link> },
    { key: 'name', title: t('field.name'), dataIndex: 'name' },
    ...(statusOf
      ? [{ key: 'status', title: t('grid.coverage'), render: (_: unknown, grid: Grid) => <StatusTag status={statusOf(grid)} /> }]
      : []),
    {
      key: 'teams',
      title: t('grid.activeTeams'),
      render: (_, grid) => t('grid.teamCounts', { active: grid.active_team_count, total: grid.team_count }),
    },
    { key: 'organization', title: t('field.organization'), responsive: ['md'], render: (_, grid) => <OrganizationName id={grid.organization_id} /> },
    { key: 'households', title: t('grid.households'), responsive: ['lg'], align: 'right', render: (_, grid) => formatNumber(grid.households, language) },
    { key: 'population', title: t('grid.population'), responsive: ['lg'], align: 'right', render: (_, grid) => formatNumber(grid.population, language) },
    {
      key: 'area',
      title: t('grid.area'),
      responsive: ['xl'],
      align: 'right',
      render: (_, grid) => (grid.area_m2 === null ? t('grid.noBoundary') : formatNumber(grid.area_m2 / 10_000, language)),
    },
  ];
  return (
    <Table<Grid>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={grids}
      loading={loading}
      pagination={pageSize ? { pageSize, hideOnSinglePage: true, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      title={caption ? () => caption : undefined}
      locale={{ emptyText: loading ? t('common.loading') : t('grid.noneFound') }}
    />
  );
}
