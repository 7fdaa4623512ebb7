import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Popconfirm, Row } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { GridTeam } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { canWriteGrids, useMe } from '../../lib/me';
import { coverageQuery, gridQueryById, gridTeamsQuery, useDeleteGrid } from './api';
import { gridStatus, incompleteGridIds } from './geo';
import { GridMap } from './GridMap';
import { GridServiceHours } from './GridServiceHours';
import { StatusTag } from './GridTable';
import { TeamTable } from './TeamTable';

function TeamsCard({ gridId, teams, writable }: { gridId: string; teams: GridTeam[]; writable: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      title={t('grid.teams')}
      extra={
        writable ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => void navigate(`/grids/${gridId}/teams/new`)}>
            {t('team.create')}
          </Button>
        ) : undefined
      }
    >
      <TeamTable teams={teams} emptyText={t('grid.noTeams')} />
    </Card>
  );
}

/** One grid: its fields, its boundary on a map, and the teams serving it. */
export function GridDetailPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { gridId = '' } = useParams();
  const { data: me } = useMe();
  const writable = canWriteGrids(me);
  const grid = useQuery(gridQueryById(gridId));
  const teams = useQuery(gridTeamsQuery(gridId));
  const coverage = useQuery({ ...coverageQuery(grid.data?.organization_id ?? null), enabled: grid.data !== undefined });
  const remove = useDeleteGrid();
  if (grid.isLoading) return <Loading />;
  if (grid.error || !grid.data) return <ErrorAlert error={grid.error} />;
  const current = grid.data;
  const status = gridStatus(current, incompleteGridIds(coverage.data));
  return (
    <>
      <PageHeader
        title={`${current.code} ${current.name}`}
        extra={
          writable ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/grids/${current.id}/edit`)}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('grid.deleteConfirm', { name: current.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(current, {
                    onSuccess: () => {
                      void message.success(t('grid.deleted', { name: current.name }));
                      void navigate('/grids', { replace: true });
                    },
                  })
                }
              >
                <Button danger loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : undefined
        }
      >
        <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/grids">{t('nav.grids')}</Link> }, { title: current.code }]} />
      </PageHeader>
      <ErrorAlert error={remove.error ?? teams.error} />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('grid.details')} style={{ height: '100%' }}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'status', label: t('grid.coverage'), children: <StatusTag status={status} /> },
                  { key: 'organization', label: t('field.organization'), children: <OrganizationName id={current.organization_id} /> },
                  { key: 'code', label: t('grid.code'), children: current.code },
                  { key: 'households', label: t('grid.households'), children: formatNumber(current.households, language) },
                  { key: 'population', label: t('grid.population'), children: formatNumber(current.population, language) },
                  {
                    key: 'area',
                    label: t('grid.area'),
                    children: current.area_m2 === null ? t('grid.noBoundary') : formatNumber(current.area_m2 / 10_000, language),
                  },
                  {
                    key: 'centroid',
                    label: t('grid.centroid'),
                    children: current.centroid ? current.centroid.map((value) => value.toFixed(6)).join(', ') : '—',
                  },
                  { key: 'buildings', label: t('grid.buildings'), children: current.buildings.join('、') || '—' },
                  { key: 'description', label: t('field.description'), children: current.description || '—' },
                  { key: 'updated', label: t('field.updated_at'), children: formatDateTime(current.updated_at, language) },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('grid.boundary')} style={{ height: '100%' }}>
              <GridMap grids={[current]} statusOf={() => status} ariaLabel={t('grid.boundaryOf', { name: current.name })} legend={false} />
            </Card>
          </Col>
        </Row>
        <TeamsCard gridId={current.id} teams={teams.data?.items ?? []} writable={writable} />
        <GridServiceHours gridId={current.id} />
      </Flex>
    </>
  );
}
