/** Between the organization form's values and the API's bodies. */
import dayjs, { type Dayjs } from 'dayjs';
import type { Domain, Flag, Formation, Kind, Organization, OrganizationCreate, OrganizationUpdate, Tier } from '../../api/types';

export interface OrganizationFormValues {
  name: string;
  short_name?: string | null;
  code: string;
  kind: Kind;
  tier: Tier;
  domain: Domain;
  formation: Formation;
  flags: Flag[];
  venue_address?: string | null;
  venue_area_m2?: number | null;
  annual_funds?: number | null;
  founded_on?: Dayjs | null;
  contact_phone?: string | null;
  description?: string | null;
}

/** The editable fields, in the order the form and the conflict table show them. */
export const EDITABLE_FIELDS = [
  'name',
  'short_name',
  'code',
  'kind',
  'tier',
  'domain',
  'formation',
  'flags',
  'venue_address',
  'venue_area_m2',
  'annual_funds',
  'founded_on',
  'contact_phone',
  'description',
] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the API stores for each editable field. */
export type OrganizationFields = Pick<Organization, EditableField>;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function number(value: number | null | undefined): number | null {
  return value === undefined || value === null || Number.isNaN(value) ? null : value;
}

export function fieldsFromForm(values: OrganizationFormValues): OrganizationFields {
  return {
    name: values.name.trim(),
    short_name: text(values.short_name),
    code: values.code.trim(),
    kind: values.kind,
    tier: values.tier,
    domain: values.domain,
    formation: values.formation,
    flags: [...(values.flags ?? [])].sort(),
    venue_address: text(values.venue_address),
    venue_area_m2: number(values.venue_area_m2),
    annual_funds: number(values.annual_funds),
    founded_on: values.founded_on ? values.founded_on.format('YYYY-MM-DD') : null,
    contact_phone: text(values.contact_phone),
    description: text(values.description),
  };
}

export function fieldsOf(organization: Organization): OrganizationFields {
  const fields = {} as Record<EditableField, unknown>;
  EDITABLE_FIELDS.forEach((field) => {
    fields[field] = field === 'flags' ? [...organization.flags].sort() : organization[field];
  });
  return fields as OrganizationFields;
}

export function formFromOrganization(organization: Organization): OrganizationFormValues {
  return {
    ...fieldsOf(organization),
    founded_on: organization.founded_on ? dayjs(organization.founded_on) : null,
  };
}

export function createBody(values: OrganizationFormValues, parentId: string | null): OrganizationCreate {
  return { ...fieldsFromForm(values), parent_id: parentId };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Only the fields whose value differs from `base`: a PATCH must not overwrite the rest. */
export function changedFields(base: OrganizationFields, edited: OrganizationFields): OrganizationUpdate {
  const changes: Record<string, unknown> = {};
  EDITABLE_FIELDS.forEach((field) => {
    if (!same(base[field], edited[field])) changes[field] = edited[field];
  });
  return changes;
}

/** The fields of `changes` that someone else has also changed since `base` was read. */
export function conflictingFields(
  base: OrganizationFields,
  current: OrganizationFields,
  changes: OrganizationUpdate,
): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => field in changes && !same(base[field], current[field]));
}
