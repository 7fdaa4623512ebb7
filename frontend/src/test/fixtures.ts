import type { Me, Member, Organization, Permission, Role, VolunteerRecord } from '../api/types';

export const ENUMS = {
  organization_kind: [
    { value: 'committee', zh: '党委', en: 'Committee' },
    { value: 'general_branch', zh: '党总支', en: 'General branch' },
    { value: 'branch', zh: '党支部', en: 'Branch' },
  ],
  organization_tier: [
    { value: 'county', zh: '县', en: 'County' },
    { value: 'township', zh: '乡镇', en: 'Township' },
    { value: 'village', zh: '村', en: 'Village' },
  ],
  organization_domain: [{ value: 'rural', zh: '农村', en: 'Rural' }],
  organization_formation: [{ value: 'standalone', zh: '单独组建', en: 'Standalone' }],
  organization_flag: [{ value: 'weak_and_lax', zh: '软弱涣散', en: 'Weak and lax' }],
  member_gender: [
    { value: 'male', zh: '男', en: 'Male' },
    { value: 'female', zh: '女', en: 'Female' },
  ],
  member_status: [
    { value: 'full', zh: '正式党员', en: 'Full member' },
    { value: 'probationary', zh: '预备党员', en: 'Probationary member' },
  ],
  member_position: [
    { value: 'secretary', zh: '书记', en: 'Secretary' },
    { value: 'first_secretary', zh: '第一书记', en: 'First secretary' },
  ],
  service_kind: [
    { value: 'volunteer_service', zh: '志愿服务', en: 'Volunteer service' },
    { value: 'pairing_assistance', zh: '结对帮扶', en: 'Pairing assistance' },
  ],
  volunteer_record_status: [
    { value: 'pending', zh: '待审核', en: 'Pending' },
    { value: 'verified', zh: '已认定', en: 'Verified' },
    { value: 'rejected', zh: '已退回', en: 'Rejected' },
  ],
  pledge_status: [
    { value: 'pledged', zh: '已承诺', en: 'Pledged' },
    { value: 'in_progress', zh: '践诺中', en: 'In progress' },
    { value: 'fulfilled', zh: '已践诺', en: 'Fulfilled' },
    { value: 'not_fulfilled', zh: '未践诺', en: 'Not fulfilled' },
  ],
};

let counter = 0;

export function makeOrganization(overrides: Partial<Organization> = {}): Organization {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    parent_id: null,
    depth: 0,
    child_count: 0,
    name: `组织${counter}`,
    short_name: null,
    code: `C${counter}`,
    kind: 'committee',
    tier: 'county',
    domain: 'rural',
    formation: 'standalone',
    flags: [],
    venue_address: null,
    venue_area_m2: null,
    annual_funds: null,
    founded_on: null,
    contact_phone: null,
    households: null,
    population: null,
    description: null,
    version: 1,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

/** Every permission, in the server's order. */
export const ALL_PERMISSIONS: Permission[] = [
  'organizations:read', 'organizations:write', 'users:manage', 'api_keys:manage', 'audit:read', 'members:read',
  'members:write', 'members:reveal', 'volunteer:read', 'volunteer:manage', 'volunteer:revert', 'grids:read',
  'grids:write', 'grids:enlist', 'evaluations:read', 'evaluations:manage', 'evaluations:self', 'evaluations:review',
];

/**
 * What `GET /api/v1/me` answers for a grant of each role, so that the fake server of the tests answers as
 * the real one does; `fixtures.test.ts` holds it to backend/grassroots/core/security.py. The app itself
 * has no such table: it reads the permissions from the answer.
 */
export const SERVER_ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  admin: ALL_PERMISSIONS,
  reviewer: ['organizations:read', 'members:read', 'volunteer:read', 'grids:read', 'evaluations:review'],
  org_staff: [
    'organizations:read', 'organizations:write', 'members:read', 'members:write', 'volunteer:read', 'volunteer:manage',
    'grids:read', 'grids:write', 'evaluations:read', 'evaluations:self',
  ],
  member: ['organizations:read', 'grids:read'],
};

/** A signed-in user's grant of `role` on `organizationId` (org-1 unless given), as the server answers it. */
export function grantOf(role: Role, organizationId = 'org-1'): Me['grants'][number] {
  return {
    id: `grant-${role}-${organizationId}`,
    user_id: 'user-1',
    organization_id: organizationId,
    organization_name: '青山县委',
    role,
    permissions: SERVER_ROLE_PERMISSIONS[role],
    created_at: '2024-01-01T00:00:00Z',
  };
}

/** The signed-in user; `permissions` follows `grants` and `is_superuser` as the server computes it, unless given. */
export function makeMe(overrides: Partial<Me> = {}): Me {
  const grants = overrides.grants ?? [];
  const held = new Set(grants.flatMap((grant) => grant.permissions));
  const permissions = ALL_PERMISSIONS.filter((permission) => overrides.is_superuser === true || held.has(permission));
  return {
    permissions,
    id: 'user-1',
    username: 'staff',
    display_name: '党务工作者',
    phone: null,
    is_active: true,
    is_superuser: false,
    organization_id: 'org-1',
    member_id: null,
    last_login_at: null,
    version: 1,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    grants: [],
    ...overrides,
  };
}

export function makeMember(overrides: Partial<Member> = {}): Member {
  counter += 1;
  return {
    id: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    name: `党员${counter}`,
    gender: null,
    birth_date: null,
    ethnicity: null,
    phone: null,
    id_number: null,
    revealed: [],
    organization_id: 'org-1',
    status: 'full',
    joined_on: null,
    is_migrant: false,
    current_location: null,
    is_in_service: false,
    work_unit: null,
    residence_organization_id: null,
    registered_on: null,
    is_elderly: false,
    is_in_hardship: false,
    positions: [],
    version: 1,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

export function makeRecord(overrides: Partial<VolunteerRecord> = {}): VolunteerRecord {
  counter += 1;
  return {
    id: `00000000-0000-4000-a000-${String(counter).padStart(12, '0')}`,
    member_id: 'member-1',
    member_name: '张三',
    activity_id: null,
    organization_id: 'org-1',
    community_id: 'org-1',
    grid_id: null,
    served_on: '2025-03-01',
    hours: 2,
    kind: 'volunteer_service',
    beneficiaries: 0,
    description: null,
    status: 'pending',
    reject_reason: null,
    photo_count: 0,
    decided_by_id: null,
    decided_at: null,
    version: 1,
    created_at: '2025-03-01T08:00:00Z',
    updated_at: '2025-03-01T08:00:00Z',
    ...overrides,
  };
}
