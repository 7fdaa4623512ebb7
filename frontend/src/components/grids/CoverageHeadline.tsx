import { useQuery } from '@tanstack/react-query';
import { Col, Row } from 'antd';
import { useT } from '../../lib/i18n';
import { canReadGrids, useMe } from '../../lib/me';
import { FigureCard } from '../FigureCard';
import { coverageLink, coverageQuery } from './queries';

/** Grid coverage of a subtree in two figures, each opening the coverage page. */
export function CoverageHeadline({ organizationId }: { organizationId: string }) {
  const t = useT();
  const { data: me } = useMe();
  const readable = canReadGrids(me);
  const coverage = useQuery({ ...coverageQuery(organizationId), enabled: readable });
  if (!readable || !coverage.data) return null;
  const figures = coverage.data;
  const percent = figures.grids > 0 ? Math.round((figures.grids_with_active_team / figures.grids) * 1000) / 10 : 0;
  const gaps =
    figures.grids_without_active_team.count +
    figures.active_teams_without_leader.count +
    figures.active_teams_without_party_members.count +
    figures.organizations_without_grid.count;
  const to = coverageLink(organizationId);
  return (
    <Row gutter={[12, 12]}>
      <Col flex="1 1 160px">
        <FigureCard title={t('coverage.headlineCovered', { grids: figures.grids })} value={percent} suffix="%" precision={1} to={to} />
      </Col>
      <Col flex="1 1 160px">
        <FigureCard title={t('coverage.headlineGaps')} value={gaps} tone={gaps > 0 ? 'danger' : undefined} to={to} />
      </Col>
      <Col flex="1 1 160px">
        <FigureCard
          title={t('coverage.unitsUncovered')}
          value={figures.units.uncovered.count}
          tone={figures.units.uncovered.count > 0 ? 'danger' : undefined}
          to={to}
        />
      </Col>
    </Row>
  );
}
