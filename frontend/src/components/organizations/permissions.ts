/** Whether the caller may take an action on one organization: their grants against its ancestry. */
import { useQuery } from '@tanstack/react-query';
import { can, useMe, type Permission } from '../../lib/me';
import { ancestorsQuery } from './queries';

/**
 * True when `permission` holds on the organization: a superuser, a grant on it, or a grant on
 * one of its ancestors. The ancestors are read (once, cached) only when the answer needs them;
 * until then the answer is false, so an action appears rather than disappears.
 */
export function useCanOn(permission: Permission, organizationId: string | null | undefined): boolean {
  const { data: me } = useMe();
  const anywhere = can(me, permission);
  const direct = organizationId ? can(me, permission, [organizationId]) : false;
  const needsAncestors = Boolean(organizationId) && anywhere && !direct && me?.is_superuser !== true;
  const ancestors = useQuery({ ...ancestorsQuery(organizationId ?? ''), enabled: needsAncestors });
  if (!organizationId || !anywhere) return false;
  if (me?.is_superuser || direct) return true;
  return can(me, permission, (ancestors.data ?? []).map((ancestor) => ancestor.id));
}
