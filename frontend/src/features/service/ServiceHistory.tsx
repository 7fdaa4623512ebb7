import { Button, Card, Flex, List, Select, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { keys } from '../../api/keys';
import type { VolunteerRecord } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordPhotos } from '../../components/volunteering/RecordPhotos';
import { RecordStatusTag } from '../../components/volunteering/StatusTags';
import { useEnums } from '../../lib/enums';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useCursorPages } from '../../lib/paging';
import { fetchMyRecords } from './api';

const HISTORY_PAGE = 100;

function RecordItem({ record }: { record: VolunteerRecord }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const pending = record.status === 'pending';
  const [showPhotos, setShowPhotos] = useState(pending);
  return (
    <List.Item extra={<RecordStatusTag status={record.status} />}>
      <List.Item.Meta
        title={
          <span>
            {formatDate(record.served_on, language)} · {t('service.hoursValue', { hours: formatNumber(record.hours, language) })} ·{' '}
            {label('service_kind', record.kind)}
          </span>
        }
        description={
          <>
            {record.description ? <div style={{ whiteSpace: 'pre-wrap' }}>{record.description}</div> : null}
            {record.beneficiaries > 0 ? <div>{t('service.beneficiariesValue', { count: record.beneficiaries })}</div> : null}
            {record.status === 'rejected' && record.reject_reason ? (
              <Typography.Text type="danger">{t('service.rejectedBecause', { reason: record.reject_reason })}</Typography.Text>
            ) : null}
            <div style={{ marginTop: 8 }}>
              {showPhotos ? (
                <RecordPhotos recordId={record.id} editable={pending} photoCount={record.photo_count} />
              ) : record.photo_count === 0 ? null : (
                <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setShowPhotos(true)}>
                  {t('photos.show')}
                </Button>
              )}
            </div>
          </>
        }
      />
    </List.Item>
  );
}

function Totals({ records }: { records: VolunteerRecord[] }) {
  const { t } = useI18n();
  const sum = (status: string) => records.filter((record) => record.status === status).reduce((total, record) => total + record.hours, 0);
  return (
    <Flex gap={16} wrap style={{ marginBottom: 8 }}>
      <Statistic title={t('service.verifiedHours')} value={sum('verified')} precision={2} />
      <Statistic title={t('service.pendingHours')} value={sum('pending')} precision={2} />
    </Flex>
  );
}

/** The member's records of a year with where each stands; totals when the year fits one page. */
export function ServiceHistory({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const pages = useCursorPages(keys.volunteerRecords.mine(memberId, year), (cursor) => fetchMyRecords(memberId, year, cursor, HISTORY_PAGE));
  const wholeYear = !pages.hasNext && !pages.hasPrevious && !pages.isLoading;
  return (
    <Card
      size="small"
      title={t('service.historyTitle')}
      extra={
        <Select<number>
          size="small"
          value={year}
          aria-label={t('service.year')}
          onChange={setYear}
          options={[0, 1, 2, 3].map((back) => ({ value: thisYear - back, label: t('service.yearValue', { year: thisYear - back }) }))}
        />
      }
    >
      <ErrorAlert error={pages.error} />
      {wholeYear && pages.items.length > 0 ? <Totals records={pages.items} /> : null}
      <List<VolunteerRecord>
        dataSource={pages.items}
        loading={pages.isFetching}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('service.none') }}
        renderItem={(record) => <RecordItem record={record} />}
      />
      <CursorPager pages={pages} />
    </Card>
  );
}
