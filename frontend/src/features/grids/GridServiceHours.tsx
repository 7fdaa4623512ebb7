import { useQuery } from '@tanstack/react-query';
import { Card, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { canReadVolunteering, useMe } from '../../lib/me';
import { gridServiceHoursQuery } from './api';

interface MemberHours {
  key: string;
  label?: string | null;
  hours: number;
  records: number;
}

/** The verified hours served in a grid this year, in all and by member, each member opening their page. */
export function GridServiceHours({ gridId }: { gridId: string }) {
  const { t, language } = useI18n();
  const { data: me } = useMe();
  const reads = canReadVolunteering(me);
  const today = dayjs();
  const range = { from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
  const stats = useQuery({ ...gridServiceHoursQuery(gridId, range), enabled: reads });
  if (!reads) return null;
  const total = stats.data?.total_hours ?? 0;
  const columns: ColumnsType<MemberHours> = [
    { key: 'member', title: t('grid.serviceMember'), render: (_, row) => <Link to={`/members/${row.key}`}>{row.label ?? row.key}</Link> },
    { key: 'hours', title: t('grid.serviceHoursOf'), align: 'right', render: (_, row) => formatNumber(row.hours, language) },
    { key: 'records', title: t('grid.serviceRecords'), align: 'right', render: (_, row) => formatNumber(row.records, language) },
  ];
  return (
    <Card size="small" title={t('grid.serviceHours')}>
      <ErrorAlert error={stats.error} />
      <Statistic
        title={t('grid.serviceHoursTotal')}
        value={total}
        precision={total % 1 === 0 ? 0 : 2}
        suffix={t('service.hoursUnit')}
        loading={stats.isLoading}
        style={{ marginBottom: 12 }}
      />
      <Table<MemberHours>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={stats.data?.groups ?? []}
        loading={stats.isLoading}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        locale={{ emptyText: t('grid.noServiceHours') }}
        aria-label={t('grid.serviceHours')}
      />
    </Card>
  );
}
