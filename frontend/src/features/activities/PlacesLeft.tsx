import { Tag } from 'antd';
import type { VolunteerActivity } from '../../api/types';
import { useT } from '../../lib/i18n';

/** Places left of those offered, or that there is no limit. */
export function PlacesLeft({ activity }: { activity: VolunteerActivity }) {
  const t = useT();
  if (activity.capacity === null) return <Tag color="blue">{t('activity.noLimit', { taken: activity.signed_up })}</Tag>;
  const left = Math.max(activity.capacity - activity.signed_up, 0);
  return (
    <Tag color={left === 0 ? 'red' : left <= 3 ? 'orange' : 'green'}>
      {left === 0 ? t('activity.full', { capacity: activity.capacity }) : t('activity.placesLeft', { left, capacity: activity.capacity })}
    </Tag>
  );
}
