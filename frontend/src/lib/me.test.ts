// What the menus and buttons offer each caller, read from the permissions `GET /api/v1/me` answers.
import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { grantOf, makeMe } from '../test/fixtures';
import {
  can,
  canEnlistInGrids,
  canManageEvaluations,
  canManageVolunteering,
  canReadGrids,
  canReadMembers,
  canReadVolunteering,
  canSeeEvaluations,
  canWriteGrids,
  canWriteMembers,
  canWriteOrganizations,
  isAdmin,
} from './me';

const HELPERS = {
  isAdmin,
  canReadMembers,
  canWriteMembers,
  canManageVolunteering,
  canReadVolunteering,
  canWriteOrganizations,
  canReadGrids,
  canWriteGrids,
  canEnlistInGrids,
  canSeeEvaluations,
  canManageEvaluations,
};
type Helper = keyof typeof HELPERS;

/** What each role was offered when the app kept its own copy of the role table; it must not change. */
const OFFERED: Record<Role, Helper[]> = {
  admin: Object.keys(HELPERS) as Helper[],
  reviewer: ['canReadMembers', 'canReadVolunteering', 'canReadGrids', 'canSeeEvaluations'],
  org_staff: [
    'canReadMembers',
    'canWriteMembers',
    'canManageVolunteering',
    'canReadVolunteering',
    'canWriteOrganizations',
    'canReadGrids',
    'canWriteGrids',
    'canSeeEvaluations',
  ],
  member: ['canReadGrids'],
};

function offered(me: Parameters<typeof can>[0]): Helper[] {
  return (Object.keys(HELPERS) as Helper[]).filter((name) => HELPERS[name](me));
}

describe('what the app offers', () => {
  it.each(Object.keys(OFFERED) as Role[])('a holder of %s', (role) => {
    expect(offered(makeMe({ grants: [grantOf(role)] }))).toEqual(OFFERED[role]);
  });

  it('everything to a superuser, nothing to an account without grants or to nobody', () => {
    expect(offered(makeMe({ is_superuser: true }))).toEqual(Object.keys(HELPERS));
    expect(offered(makeMe())).toEqual([]);
    expect(offered(undefined)).toEqual([]);
  });

  it('the union of several grants', () => {
    const me = makeMe({ grants: [grantOf('reviewer', 'org-1'), grantOf('member', 'org-2')] });
    expect(offered(me)).toEqual(OFFERED.reviewer);
  });
});

describe('can', () => {
  const me = makeMe({ grants: [grantOf('org_staff', 'township'), grantOf('reviewer', 'county')] });

  it('holds within the subtree of the grant that carries the permission', () => {
    // An organization's own id and its ancestors' ids: village < township < county.
    expect(can(me, 'members:write', ['village', 'township', 'county'])).toBe(true);
    expect(can(me, 'members:write', ['county'])).toBe(false);
    expect(can(me, 'evaluations:review', ['county'])).toBe(true);
    expect(can(me, 'evaluations:review', ['elsewhere'])).toBe(false);
  });

  it('without a place, holds where any grant carries it', () => {
    expect(can(me, 'members:write')).toBe(true);
    expect(can(me, 'users:manage')).toBe(false);
  });

  it('reads what the server says, not the role name', () => {
    const narrowed = { ...grantOf('admin'), permissions: ['organizations:read' as const] };
    const limited = makeMe({ grants: [narrowed], permissions: ['organizations:read'] });
    expect(can(limited, 'users:manage')).toBe(false);
    expect(can(limited, 'users:manage', ['org-1'])).toBe(false);
    expect(can(limited, 'organizations:read', ['org-1'])).toBe(true);
  });

  it('holds everywhere for a superuser', () => {
    expect(can(makeMe({ is_superuser: true }), 'volunteer:revert', ['anywhere'])).toBe(true);
  });
});
