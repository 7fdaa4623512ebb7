import type { Role } from '../api/types';

/** Every role a grant or an API key can carry, broadest first. */
export const ROLES: Role[] = ['admin', 'reviewer', 'org_staff', 'member'];
