import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { GridTeam } from '../../api/types';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { GridCode } from './GridCode';

interface TeamTableProps {
  teams: GridTeam[];
  /** Show which grid and organization each team serves (the team list, not one grid's page). */
  withGrid?: boolean;
  loading?: boolean;
  emptyText: string;
}

/** Grid service teams: name, whether active, leader, headcount and service kinds. */
export function TeamTable({ teams, withGrid = false, loading = false, emptyText }: TeamTableProps) {
  const t = useT();
  const { label } = useEnums();
  const columns: ColumnsType<GridTeam> = [
    { key: 'name', title: t('team.name'), render: (_, team) => <Link to={`/grid-teams/${team.id}`}>{team.name}</Link> },
    ...(withGrid
      ? ([
          { key: 'grid', title: t('team.grid'), render: (_, team) => <GridCode id={team.grid_id} /> },
          { key: 'organization', title: t('unit.organization'), responsive: ['md'], render: (_, team) => <OrganizationName id={team.organization_id} /> },
        ] satisfies ColumnsType<GridTeam>)
      : []),
    {
      key: 'active',
      title: t('team.active'),
      render: (_, team) => (team.active ? <Tag color="green">{t('team.isActive')}</Tag> : <Tag>{t('team.isInactive')}</Tag>),
    },
    {
      key: 'leader',
      title: label('grid_team_role', 'grid_leader') || t('team.role'),
      render: (_, team) => team.people.find((person) => person.role === 'grid_leader')?.name ?? <Typography.Text type="danger">{t('team.noLeader')}</Typography.Text>,
    },
    {
      key: 'people',
      title: t('team.headcount'),
      render: (_, team) =>
        t('team.headcountValue', {
          total: team.people.length,
          members: team.people.filter((person) => person.is_party_member).length,
        }),
    },
    {
      key: 'kinds',
      title: t('team.serviceKinds'),
      responsive: ['md'],
      render: (_, team) => team.service_kinds.map((kind) => label('service_kind', kind)).join('、') || '—',
    },
  ];
  return (
    <Table<GridTeam>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={teams}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
    />
  );
}
