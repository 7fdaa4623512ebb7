import { Navigate } from 'react-router';
import { canReadVolunteering, linkedMemberId, useMe } from '../lib/me';

/** A member without staff duties starts at their own service; everyone else at the dashboard. */
export function HomeRedirect() {
  const { data: me } = useMe();
  const memberOnly = linkedMemberId(me) !== null && !canReadVolunteering(me);
  return <Navigate to={memberOnly ? '/my-service' : '/dashboard'} replace />;
}
