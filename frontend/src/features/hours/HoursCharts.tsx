import { Card, Col, Empty, Row } from 'antd';
import type { VolunteerStats } from '../../api/types';
import { Chart, type Slice } from '../../components/Chart';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { monthsBetween, paramsFromQuery, recordsLink, type HoursQuery } from './period';

const TOP_ORGANIZATIONS = 12;

function ChartCard({ title, slices, children }: { title: string; slices: Slice[]; children: React.ReactNode }) {
  const t = useT();
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {slices.length === 0 || slices.every((slice) => slice.count === 0) ? <Empty description={t('dashboard.noData')} /> : children}
    </Card>
  );
}

interface HoursChartsProps {
  query: HoursQuery;
  byMonth: VolunteerStats | undefined;
  byKind: VolunteerStats | undefined;
  byOrganization: VolunteerStats | undefined;
}

/** Hours by month (a month opens its records), by kind of service, and by organization (drills down). */
export function HoursCharts({ query, byMonth, byKind, byOrganization }: HoursChartsProps) {
  const t = useT();
  const { label } = useEnums();
  const hoursOf = new Map((byMonth?.groups ?? []).map((group) => [group.key, group.hours]));
  const months: Slice[] = monthsBetween(query.from, query.to).map((month) => ({ value: month, label: month, count: hoursOf.get(month) ?? 0 }));
  const kinds: Slice[] = (byKind?.groups ?? []).map((group) => ({ value: group.key, label: label('service_kind', group.key) || group.key, count: group.hours }));
  const organizations: Slice[] = (byOrganization?.groups ?? [])
    .slice(0, TOP_ORGANIZATIONS)
    .map((group) => ({ value: group.key, label: group.label ?? group.key, count: group.hours }));
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <ChartCard title={t('hours.byMonth')} slices={months}>
          <Chart
            kind="column"
            decimals
            slices={months}
            ariaLabel={t('hours.byMonth')}
            linkOf={(slice) => recordsLink(query, { from: slice.value, to: slice.value })}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('hours.byKind')} slices={kinds}>
          <Chart
            kind="pie"
            decimals
            slices={kinds}
            ariaLabel={t('hours.byKind')}
            linkOf={(slice) => recordsLink(query, { kind: slice.value })}
          />
        </ChartCard>
      </Col>
      <Col xs={24}>
        <ChartCard title={t('hours.byOrganization')} slices={organizations}>
          <Chart
            kind="bar"
            decimals
            color="#5b8ff9"
            slices={organizations}
            ariaLabel={t('hours.byOrganization')}
            linkOf={(slice) => `/hours?${paramsFromQuery({ ...query, within: slice.value }).toString()}`}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}
