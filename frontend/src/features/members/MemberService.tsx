import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { Link } from 'react-router';
import type { Member } from '../../api/types';
import { RecentRecords } from '../../components/volunteering/RecentRecords';
import { recordsLink, thisYear, volunteerStatsQuery } from '../../components/volunteering/queries';
import { useI18n } from '../../lib/i18n';
import { canReadVolunteering, useMe } from '../../lib/me';

/** The member's verified hours this year and newest records, each opening the list behind it. */
export function MemberService({ member }: { member: Member }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const reads = canReadVolunteering(me);
  const year = thisYear(member.organization_id);
  const stats = useQuery({ ...volunteerStatsQuery(year, 'member'), enabled: reads });
  if (!reads) return null;
  const hours = stats.data?.groups.find((group) => group.key === member.id)?.hours ?? 0;
  return (
    <Card
      size="small"
      title={t('member.service')}
      style={{ marginTop: 16 }}
      extra={<Link to={recordsLink({ status: 'all', memberId: member.id })}>{t('common.all')}</Link>}
    >
      <Link
        to={recordsLink({ status: 'verified', memberId: member.id, from: year.from, to: year.to })}
      >
        <Statistic
          title={t('dashboard.hoursThisYear')}
          value={hours}
          precision={hours % 1 === 0 ? 0 : 2}
          suffix={t('service.hoursUnit')}
          loading={stats.isLoading}
        />
      </Link>
      <RecentRecords memberId={member.id} />
    </Card>
  );
}
