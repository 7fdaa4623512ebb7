import { Tag } from 'antd';
import type { PledgeStatus, RecordStatus } from '../../api/types';
import { useEnums } from '../../lib/enums';

const RECORD_COLORS: Record<RecordStatus, string> = { pending: 'gold', verified: 'green', rejected: 'red' };
const PLEDGE_COLORS: Record<PledgeStatus, string> = {
  pledged: 'blue',
  in_progress: 'gold',
  fulfilled: 'green',
  not_fulfilled: 'red',
};

/** Where a volunteer record stands: pending, verified or rejected. */
export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const { label } = useEnums();
  return <Tag color={RECORD_COLORS[status]}>{label('volunteer_record_status', status)}</Tag>;
}

/** How a pledge stands. */
export function PledgeStatusTag({ status }: { status: PledgeStatus }) {
  const { label } = useEnums();
  return <Tag color={PLEDGE_COLORS[status]}>{label('pledge_status', status)}</Tag>;
}
