import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Row, Typography } from 'antd';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { OrganizationStats } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FigureCard } from '../../components/FigureCard';
import { CoverageHeadline } from '../../components/grids/CoverageHeadline';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { organizationByIdQuery, useOrganizationRoots } from '../../components/organizations/queries';
import { PageHeader } from '../../components/PageHeader';
import { useEnums, type EnumName, type LabeledOption } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { membersLink, membersPreviewQuery } from '../../components/members/queries';
import { recordsLink, recordsPreviewQuery, thisYear, volunteerStatsQuery } from '../../components/volunteering/queries';
import { canReadMembers, canReadVolunteering, useMe } from '../../lib/me';
import { listLink, statsQuery } from './api';
import { Chart, type Slice } from '../../components/Chart';

function slicesOf(counts: Partial<Record<string, number>>, options: LabeledOption[], keepZero = false): Slice[] {
  return options
    .map((option) => ({ value: option.value, label: option.label, count: counts[option.value] ?? 0 }))
    .filter((slice) => keepZero || slice.count > 0);
}

function ChartCard({ title, slices, kind, filter, organizationId, color }: {
  title: string;
  slices: Slice[];
  kind: 'pie' | 'bar';
  filter: string;
  organizationId: string;
  color?: string;
}) {
  const t = useT();
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {slices.length === 0 ? (
        <Empty description={t('dashboard.noData')} />
      ) : (
        <>
          <Chart kind={kind} slices={slices} ariaLabel={title} color={color} dataTable={false} linkOf={(slice) => listLink(organizationId, { [filter]: slice.value })} />
          <List
            size="small"
            dataSource={slices}
            renderItem={(slice) => (
              <List.Item extra={<Typography.Text strong>{slice.count}</Typography.Text>}>
                <Link to={listLink(organizationId, { [filter]: slice.value })}>{slice.label}</Link>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** Members, verified hours this year and records waiting for a decision, each opening its list. */
function PeopleFigures({ organizationId }: { organizationId: string }) {
  const t = useT();
  const { data: me } = useMe();
  const readsMembers = canReadMembers(me);
  const readsHours = canReadVolunteering(me);
  const year = thisYear(organizationId);
  const members = useQuery({ ...membersPreviewQuery(organizationId), enabled: readsMembers });
  const hours = useQuery({ ...volunteerStatsQuery(year, 'month'), enabled: readsHours });
  const pending = useQuery({ ...recordsPreviewQuery({ within: organizationId, status: 'pending', limit: 1 }), enabled: readsHours });
  if (!readsMembers && !readsHours) return null;
  const totalHours = hours.data?.total_hours ?? 0;
  return (
    <Row gutter={[12, 12]}>
      {readsMembers ? (
        <Col flex="1 1 160px">
          <FigureCard title={t('dashboard.members')} value={members.data?.total ?? 0} suffix={t('dashboard.peopleUnit')} loading={members.isLoading} to={membersLink(organizationId)} />
        </Col>
      ) : null}
      {readsHours ? (
        <>
          <Col flex="1 1 160px">
            <FigureCard
              title={t('dashboard.hoursThisYear')}
              value={totalHours}
              precision={totalHours % 1 === 0 ? 0 : 2}
              suffix={t('service.hoursUnit')}
              loading={hours.isLoading}
              to={recordsLink({ status: 'verified', within: organizationId, from: year.from, to: year.to })}
            />
          </Col>
          <Col flex="1 1 160px">
            <FigureCard
              title={t('dashboard.pendingRecords')}
              value={pending.data?.total ?? 0}
              suffix={t('dashboard.recordsUnit')}
              loading={pending.isLoading}
              tone={(pending.data?.total ?? 0) > 0 ? 'warning' : undefined}
              to={recordsLink({ status: 'pending', within: organizationId })}
            />
          </Col>
        </>
      ) : null}
    </Row>
  );
}

/** Secretaries in place, organizations without one, first secretaries serving. */
function LeadershipFigures({ organizationId, stats }: { organizationId: string; stats: OrganizationStats }) {
  const t = useT();
  const { data: me } = useMe();
  const linked = canReadMembers(me);
  return (
    <Row gutter={[12, 12]}>
      <Col flex="1 1 160px">
        <FigureCard
          title={t('dashboard.secretariesInPlace')}
          value={stats.secretaries_in_place}
          to={linked ? membersLink(organizationId, 'secretary') : undefined}
        />
      </Col>
      <Col flex="1 1 160px">
        <FigureCard
          title={t('dashboard.secretaryVacancies')}
          value={stats.secretary_vacancies}
          tone={stats.secretary_vacancies > 0 ? 'danger' : undefined}
          to={listLink(organizationId, { secretary_vacant: 'true' })}
        />
      </Col>
      <Col flex="1 1 160px">
        <FigureCard
          title={t('dashboard.firstSecretaries')}
          value={stats.first_secretaries}
          to={linked ? membersLink(organizationId, 'first_secretary') : undefined}
        />
      </Col>
    </Row>
  );
}

function StatsView({ organizationId, stats }: { organizationId: string; stats: OrganizationStats }) {
  const t = useT();
  const { options } = useEnums();
  const option = (name: EnumName) => options(name);
  const flagged = stats.by_flag.weak_and_lax ?? 0;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <Col flex="1 1 140px">
          <FigureCard title={t('dashboard.total')} value={stats.total} to={listLink(organizationId)} />
        </Col>
        {slicesOf(stats.by_kind, option('organization_kind'), true).map((slice) => (
          <Col flex="1 1 140px" key={slice.value}>
            <FigureCard title={slice.label} value={slice.count} to={listLink(organizationId, { kind: slice.value })} />
          </Col>
        ))}
        <Col flex="1 1 140px">
          <FigureCard
            title={t('dashboard.weakAndLax')}
            value={flagged}
            tone={flagged > 0 ? 'danger' : undefined}
            to={listLink(organizationId, { flag: 'weak_and_lax' })}
          />
        </Col>
      </Row>
      <PeopleFigures organizationId={organizationId} />
      <LeadershipFigures organizationId={organizationId} stats={stats} />
      <CoverageHeadline organizationId={organizationId} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartCard title={t('dashboard.byDomain')} kind="pie" filter="domain" organizationId={organizationId} slices={slicesOf(stats.by_domain, option('organization_domain'))} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('dashboard.byTier')} kind="bar" filter="tier" organizationId={organizationId} slices={slicesOf(stats.by_tier, option('organization_tier'))} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('dashboard.byFlag')} kind="bar" color="#f6bd16" filter="flag" organizationId={organizationId} slices={slicesOf(stats.by_flag, option('organization_flag'))} />
        </Col>
      </Row>
    </Flex>
  );
}

function SubtreeDashboard({ organizationId }: { organizationId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const organization = useQuery({ ...organizationByIdQuery(organizationId), staleTime: 0 });
  const stats = useQuery(statsQuery(organizationId));
  return (
    <>
      <PageHeader
        title={organization.data ? t('dashboard.titleFor', { name: organization.data.name }) : t('nav.dashboard')}
        extra={
          <OrganizationSelect
            key={organization.data?.id}
            style={{ minWidth: 240 }}
            value={organizationId}
            initial={organization.data ?? null}
            placeholder={t('dashboard.switch')}
            onChange={(id) => id && void navigate(`/dashboard/${id}`)}
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('dashboard.hint')}</Typography.Paragraph>
      <ErrorAlert error={stats.error ?? organization.error} />
      {stats.isLoading ? <Loading /> : stats.data ? <StatsView organizationId={organizationId} stats={stats.data} /> : null}
    </>
  );
}

/** Figures and charts for any organization's subtree; without one, the first tree's root. */
export function DashboardPage() {
  const t = useT();
  const { organizationId } = useParams();
  const roots = useOrganizationRoots();
  if (organizationId) return <SubtreeDashboard key={organizationId} organizationId={organizationId} />;
  if (roots.isLoading) return <Loading />;
  if (roots.error) return <ErrorAlert error={roots.error} />;
  const first = roots.data?.[0];
  if (first === undefined) return <Empty description={t('organization.emptyTree')} />;
  return <Navigate to={`/dashboard/${first.id}`} replace />;
}
