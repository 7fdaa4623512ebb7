import { useQuery } from '@tanstack/react-query';
import { List, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { recordsPreviewQuery } from './queries';
import { RecordStatusTag } from './StatusTags';

/** The newest few records of a subtree or of one member: when, who, how long, where it stands. */
export function RecentRecords({ within = null, memberId = null, limit = 5 }: { within?: string | null; memberId?: string | null; limit?: number }) {
  const { t, language } = useI18n();
  const records = useQuery(recordsPreviewQuery({ within, memberId, limit }));
  return (
    <>
      <ErrorAlert error={records.error} />
      <List
        size="small"
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        locale={{ emptyText: t('records.noneYet') }}
        renderItem={(record) => (
          <List.Item extra={<RecordStatusTag status={record.status} />}>
            <Typography.Text style={{ minWidth: 0 }}>
              {formatDate(record.served_on, language)} ·{' '}
              {memberId === null ? (
                <>
                  <Link to={`/members/${record.member_id}`}>{record.member_name}</Link> ·{' '}
                </>
              ) : null}
              {t('service.hoursValue', { hours: formatNumber(record.hours, language) })}
              {record.description ? (
                <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
                  {record.description}
                </Typography.Text>
              ) : null}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
