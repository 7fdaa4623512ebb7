import { CalendarOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { VolunteerActivity } from '../../api/types';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { useEnums } from '../../lib/enums';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { PlacesLeft } from './PlacesLeft';
import { SignUpButtons } from './SignUpButtons';

/** One activity as a card: what, when, where, who organizes it, places left, and signing up. */
export function ActivityCard({ activity, memberId }: { activity: VolunteerActivity; memberId: string | null }) {
  const { language } = useI18n();
  const { label } = useEnums();
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Link to={`/activities/${activity.id}`} style={{ fontWeight: 600, fontSize: '0.9375rem' }}>
            {activity.title}
          </Link>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {label('service_kind', activity.kind)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary">
          <CalendarOutlined /> {formatDateTime(activity.starts_at, language)} – {formatDateTime(activity.ends_at, language)}
        </Typography.Text>
        {activity.place ? (
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {activity.place}
          </Typography.Text>
        ) : null}
        <span>
          <OrganizationName id={activity.organization_id} />
        </span>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <PlacesLeft activity={activity} />
          {memberId ? <SignUpButtons activity={activity} memberId={memberId} /> : null}
        </Flex>
      </Flex>
    </Card>
  );
}
