import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { MemberWithoutHours, StatsGroup } from '../../api/types';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { membersWithoutHoursLink, recordsLink, type HoursQuery } from './period';

/** The members with the most verified hours, each linking to their verified records. */
export function TopVolunteers({ top, query }: { top: StatsGroup[]; query: HoursQuery }) {
  const { t, language } = useI18n();
  return (
    <Card size="small" title={t('hours.topVolunteers')} style={{ height: '100%' }}>
      <List
        size="small"
        dataSource={top}
        locale={{ emptyText: t('dashboard.noData') }}
        renderItem={(group, index) => (
          <List.Item extra={<Typography.Text strong>{t('service.hoursValue', { hours: formatNumber(group.hours, language) })}</Typography.Text>}>
            <span>
              <Typography.Text type="secondary">{index + 1}. </Typography.Text>
              <Link to={recordsLink(query, { memberId: group.key })}>{group.label ?? group.key}</Link>
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Members in scope who served no verified hours in the period: the count, and the first of them. */
export function MembersWithoutHours({ members, count, query, noMembers }: {
  members: MemberWithoutHours[];
  count: number;
  query: HoursQuery;
  /** The scope holds no members at all: nobody to have served. */
  noMembers: boolean;
}) {
  const { t } = useI18n();
  const shown = members.length;
  return (
    <Card
      size="small"
      title={t('hours.withoutHours', { count })}
      extra={count > 0 ? <Link to={membersWithoutHoursLink(query)}>{t('hours.withoutHoursAll')}</Link> : undefined}
      style={{ height: '100%' }}
    >
      <List
        size="small"
        dataSource={members}
        locale={{ emptyText: noMembers ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hours.noMembers')} /> : t('hours.everyoneServed') }}
        renderItem={(member) => (
          <List.Item>
            <Link to={`/members/${member.id}`}>{member.name}</Link>
          </List.Item>
        )}
      />
      {count > shown ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('hours.withoutHoursMore', { shown, count })} <Link to={membersWithoutHoursLink(query)}>{t('hours.withoutHoursAll')}</Link>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
