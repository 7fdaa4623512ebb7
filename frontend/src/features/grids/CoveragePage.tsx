import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Progress, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Coverage } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FigureCard } from '../../components/FigureCard';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { coverageQuery } from './api';
import { gridsLink, organizationsLink, teamsLink, unitsLink } from './filters';

interface GapItem {
  key: string;
  to: string;
  text: ReactNode;
}

/** One gap: how many, the first ones (the API names up to 500) each with its link, and
 * "查看全部 (N)" opening the whole gap as a filtered list. */
function GapCard({ title, count, items, all }: { title: string; count: number; items: GapItem[]; all: string }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{title}</span>
          <Typography.Text type={count > 0 ? 'danger' : 'success'} strong>
            {count}
          </Typography.Text>
        </Flex>
      }
      extra={count > 0 ? <Link to={all}>{t('coverage.openList', { count })}</Link> : undefined}
      style={{ height: '100%' }}
    >
      {count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.noGap')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={items}
            pagination={items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            renderItem={(item) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Link to={item.to}>{item.text}</Link>
              </List.Item>
            )}
          />
          {count > items.length ? (
            <Typography.Text type="secondary">{t('coverage.firstOf', { shown: items.length, count })}</Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

function TallyCard({ title, inGrids, declared }: { title: string; inGrids: number; declared: number }) {
  const { t, language } = useI18n();
  const percent = declared > 0 ? Math.round((inGrids / declared) * 1000) / 10 : null;
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        <Typography.Text>{t('coverage.inGrids', { value: formatNumber(inGrids, language) })}</Typography.Text>
        <Typography.Text>{t('coverage.declared', { value: formatNumber(declared, language) })}</Typography.Text>
        {percent !== null ? (
          <Progress percent={Math.min(100, percent)} format={() => `${formatNumber(percent, language, 1)}%`} aria-label={title} />
        ) : (
          <Typography.Text type="secondary">{t('coverage.noDeclared')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function CoverageView({ coverage, within }: { coverage: Coverage; within: string | null }) {
  const { t } = useI18n();
  const { label } = useEnums();
  const withinFilter = within ?? null;
  const teamItem = (team: { id: string; name: string }) => ({ key: team.id, to: `/grid-teams/${team.id}`, text: team.name });
  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        <Col flex="1 1 150px">
          <FigureCard title={t('coverage.grids')} value={coverage.grids} to={gridsLink({ within: withinFilter }, 'map')} />
        </Col>
        <Col flex="1 1 150px">
          <FigureCard title={t('coverage.gridsWithTeam')} value={coverage.grids_with_active_team} to={gridsLink({ within: withinFilter, hasTeam: true })} />
        </Col>
        <Col flex="1 1 150px">
          <FigureCard
            title={t('coverage.gridsWithoutTeam')}
            value={coverage.grids_without_active_team.count}
            tone={coverage.grids_without_active_team.count > 0 ? 'danger' : undefined}
            to={gridsLink({ within: withinFilter, hasTeam: false })}
          />
        </Col>
        <Col flex="1 1 150px">
          <FigureCard title={t('coverage.activeTeams')} value={coverage.active_teams} />
        </Col>
        <Col flex="1 1 150px">
          <FigureCard title={t('coverage.unitsCovered')} value={coverage.units.covered} to={unitsLink({ within: withinFilter, covered: true })} />
        </Col>
        <Col flex="1 1 150px">
          <FigureCard
            title={t('coverage.unitsUncovered')}
            value={coverage.units.uncovered.count}
            tone={coverage.units.uncovered.count > 0 ? 'danger' : undefined}
            to={unitsLink({ within: withinFilter, covered: false })}
          />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <TallyCard title={t('coverage.households')} inGrids={coverage.households.in_grids} declared={coverage.households.declared} />
        </Col>
        <Col xs={24} md={12}>
          <TallyCard title={t('coverage.population')} inGrids={coverage.population.in_grids} declared={coverage.population.declared} />
        </Col>
      </Row>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('coverage.gaps')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <GapCard
            title={t('coverage.gridsWithoutTeam')}
            count={coverage.grids_without_active_team.count}
            items={coverage.grids_without_active_team.items.map((grid) => ({ key: grid.id, to: `/grids/${grid.id}`, text: `${grid.code} ${grid.name}` }))}
            all={gridsLink({ within: withinFilter, hasTeam: false })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <GapCard
            title={t('coverage.teamsWithoutLeader')}
            count={coverage.active_teams_without_leader.count}
            items={coverage.active_teams_without_leader.items.map(teamItem)}
            all={teamsLink({ within: withinFilter, active: true, hasLeader: false })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <GapCard
            title={t('coverage.teamsWithoutMembers')}
            count={coverage.active_teams_without_party_members.count}
            items={coverage.active_teams_without_party_members.items.map(teamItem)}
            all={teamsLink({ within: withinFilter, active: true, hasPartyMembers: false })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <GapCard
            title={t('coverage.organizationsWithoutGrid', { total: coverage.grid_organizations })}
            count={coverage.organizations_without_grid.count}
            items={coverage.organizations_without_grid.items.map((organization) => ({
              key: organization.id,
              to: `/organizations/${organization.id}`,
              text: `${organization.name}（${label('organization_tier', organization.tier)}）`,
            }))}
            all={organizationsLink({ within: withinFilter, hasGrid: false })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <GapCard
            title={t('coverage.unitsUncovered')}
            count={coverage.units.uncovered.count}
            items={coverage.units.uncovered.items.map((unit) => ({
              key: unit.id,
              to: `/units?${new URLSearchParams({ within: unit.organization_id, covered: 'false', unit: unit.id }).toString()}`,
              text: `${unit.name}（${label('unit_kind', unit.kind)}）`,
            }))}
            all={unitsLink({ within: withinFilter, covered: false })}
          />
        </Col>
      </Row>
    </Flex>
  );
}

/** Coverage of a subtree: figures, and every gap listed with a link to what fills it. */
export function CoveragePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const within = params.get('within');
  const coverage = useQuery(coverageQuery(within));
  return (
    <>
      <PageHeader
        title={t('nav.coverage')}
        extra={
          <OrganizationSelect
            allowClear
            style={{ minWidth: 240 }}
            value={within}
            placeholder={t('coverage.within')}
            onChange={(id) => setParams(id ? new URLSearchParams({ within: id }) : new URLSearchParams())}
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('coverage.hint')}</Typography.Paragraph>
      <ErrorAlert error={coverage.error} />
      {coverage.isLoading ? <Loading /> : coverage.data ? <CoverageView coverage={coverage.data} within={within} /> : null}
    </>
  );
}
