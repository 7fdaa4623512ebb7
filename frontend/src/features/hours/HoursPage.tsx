import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Flex, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FigureCard } from '../../components/FigureCard';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { volunteerStatsQuery } from './api';
import { HoursCharts } from './HoursCharts';
import { MembersWithoutHours, TopVolunteers } from './PeopleLists';
import { membersWithoutHoursLink, paramsFromQuery, queryFromParams, recordsLink, type HoursQuery } from './period';

function PeriodBar({ query, onChange }: { query: HoursQuery; onChange: (query: HoursQuery) => void }) {
  const t = useT();
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <div style={{ flex: '1 1 240px' }}>
        <OrganizationSelect allowClear value={query.within} placeholder={t('hours.wholeScope')} onChange={(within) => onChange({ ...query, within })} />
      </div>
      <DatePicker.RangePicker
        picker="month"
        allowClear={false}
        inputReadOnly
        style={{ flex: '1 1 240px' }}
        aria-label={t('hours.period')}
        value={[dayjs(`${query.from}-01`), dayjs(`${query.to}-01`)]}
        disabledDate={(month) => month.isAfter(dayjs(), 'month')}
        onChange={(values) => {
          if (values?.[0] && values[1]) onChange({ ...query, from: values[0].format('YYYY-MM'), to: values[1].format('YYYY-MM') });
        }}
      />
    </Flex>
  );
}

/** Verified volunteer hours over a subtree and a period: figures, charts, and who served or not. */
export function HoursPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const byMonth = useQuery(volunteerStatsQuery(query, 'month'));
  const byKind = useQuery(volunteerStatsQuery(query, 'kind'));
  const byOrganization = useQuery(volunteerStatsQuery(query, 'organization'));
  const byMember = useQuery(volunteerStatsQuery(query, 'member'));
  const stats = byMonth.data;
  const idleCount = byMember.data?.members_without_hours_count ?? 0;
  return (
    <>
      <PageHeader title={t('nav.hours')} />
      <Typography.Paragraph type="secondary">{t('hours.hint')}</Typography.Paragraph>
      <PeriodBar query={query} onChange={(next) => setParams(paramsFromQuery(next))} />
      <ErrorAlert error={byMonth.error ?? byKind.error ?? byOrganization.error ?? byMember.error} />
      {byMonth.isLoading ? (
        <Loading />
      ) : stats ? (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col flex="1 1 160px">
              <FigureCard title={t('hours.totalHours')} value={stats.total_hours} precision={stats.total_hours % 1 === 0 ? 0 : 2} suffix={t('service.hoursUnit')} to={recordsLink(query)} />
            </Col>
            <Col flex="1 1 160px">
              <FigureCard title={t('hours.totalRecords')} value={stats.total_records} to={recordsLink(query)} />
            </Col>
            <Col flex="1 1 160px">
              <FigureCard
                title={t('hours.withoutHoursFigure')}
                value={idleCount}
                tone={idleCount > 0 ? 'danger' : undefined}
                to={idleCount > 0 ? membersWithoutHoursLink(query) : undefined}
              />
            </Col>
          </Row>
          <HoursCharts query={query} byMonth={byMonth.data} byKind={byKind.data} byOrganization={byOrganization.data} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <TopVolunteers top={byMember.data?.top_volunteers ?? []} query={query} />
            </Col>
            <Col xs={24} lg={12}>
              <MembersWithoutHours
                members={byMember.data?.members_without_hours ?? []}
                count={idleCount}
                query={query}
                noMembers={idleCount === 0 && (byMember.data?.top_volunteers ?? []).length === 0}
              />
            </Col>
          </Row>
        </Flex>
      ) : null}
    </>
  );
}
