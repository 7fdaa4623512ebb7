/** Between the member form's values and the API's bodies. */
import dayjs, { type Dayjs } from 'dayjs';
import type { Gender, Member, MemberCreate, MemberStatus, MemberUpdate, Position, PositionIn } from '../../api/types';
import { normalizeIdNumber } from '../../lib/identity';

export interface PositionValues {
  position: Position;
  dispatched_by?: string | null;
  started_on?: Dayjs | null;
  ended_on?: Dayjs | null;
}

export interface MemberFormValues {
  name: string;
  gender?: Gender | null;
  birth_date?: Dayjs | null;
  ethnicity?: string | null;
  /** On an edit, empty means "keep the number on file" (the form only sees it masked). */
  phone?: string | null;
  id_number?: string | null;
  organization_id?: string | null;
  status: MemberStatus;
  joined_on?: Dayjs | null;
  is_migrant: boolean;
  current_location?: string | null;
  is_in_service: boolean;
  work_unit?: string | null;
  residence_organization_id?: string | null;
  registered_on?: Dayjs | null;
  is_elderly: boolean;
  is_in_hardship: boolean;
  positions: PositionValues[];
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function day(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

function parseDay(value: string | null): Dayjs | null {
  return value ? dayjs(value) : null;
}

function positionsFromForm(positions: PositionValues[]): PositionIn[] {
  return positions.map((position) => ({
    position: position.position,
    dispatched_by: position.position === 'first_secretary' ? text(position.dispatched_by) : null,
    started_on: day(position.started_on),
    ended_on: day(position.ended_on),
  }));
}

export const EMPTY_MEMBER: MemberFormValues = {
  name: '',
  status: 'full',
  is_migrant: false,
  is_in_service: false,
  is_elderly: false,
  is_in_hardship: false,
  positions: [],
};

/** The fields both a create and an update carry, as the API spells them. */
function commonFields(values: MemberFormValues) {
  return {
    name: values.name.trim(),
    gender: values.gender ?? null,
    birth_date: day(values.birth_date),
    ethnicity: text(values.ethnicity),
    status: values.status,
    joined_on: day(values.joined_on),
    is_migrant: values.is_migrant,
    current_location: values.is_migrant ? text(values.current_location) : null,
    is_in_service: values.is_in_service,
    work_unit: values.is_in_service ? text(values.work_unit) : null,
    residence_organization_id: values.is_in_service ? (values.residence_organization_id ?? null) : null,
    registered_on: values.is_in_service ? day(values.registered_on) : null,
    is_elderly: values.is_elderly,
    is_in_hardship: values.is_in_hardship,
    positions: positionsFromForm(values.positions ?? []),
  };
}

export function createBody(values: MemberFormValues): MemberCreate {
  const idNumber = text(values.id_number);
  return {
    ...commonFields(values),
    phone: text(values.phone),
    id_number: idNumber === null ? null : normalizeIdNumber(idNumber),
    organization_id: values.organization_id ?? '',
  };
}

export function formFromMember(member: Member): MemberFormValues {
  return {
    name: member.name,
    gender: member.gender,
    birth_date: parseDay(member.birth_date),
    ethnicity: member.ethnicity,
    phone: '',
    id_number: '',
    organization_id: member.organization_id,
    status: member.status,
    joined_on: parseDay(member.joined_on),
    is_migrant: member.is_migrant,
    current_location: member.current_location,
    is_in_service: member.is_in_service,
    work_unit: member.work_unit,
    residence_organization_id: member.residence_organization_id,
    registered_on: parseDay(member.registered_on),
    is_elderly: member.is_elderly,
    is_in_hardship: member.is_in_hardship,
    positions: member.positions.map((position) => ({
      position: position.position,
      dispatched_by: position.dispatched_by ?? null,
      started_on: parseDay(position.started_on ?? null),
      ended_on: parseDay(position.ended_on ?? null),
    })),
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Only what differs from the member on file: a PATCH must not overwrite the rest. Phone and
 * identity number are sent only when typed in (the form never holds them unmasked).
 */
export function changedFields(member: Member, values: MemberFormValues): MemberUpdate {
  const before = commonFields(formFromMember(member));
  const after = commonFields(values);
  const changes: Record<string, unknown> = {};
  (Object.keys(after) as (keyof typeof after)[]).forEach((field) => {
    if (!same(before[field], after[field])) changes[field] = after[field];
  });
  const phone = text(values.phone);
  if (phone !== null) changes.phone = phone;
  const idNumber = text(values.id_number);
  if (idNumber !== null) changes.id_number = normalizeIdNumber(idNumber);
  return changes;
}
