import type { Organization } from '../api/types';

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
    description: null,
    version: 1,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}
