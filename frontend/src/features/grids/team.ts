/**
 * A grid service team as the editor holds it, the rules the server will apply (checked first
 * so that the user sees them at once), and the body the API expects.
 */
import type { GridTeam, Member, ServiceKind, TeamPersonIn, TeamRole } from '../../api/types';

export interface DraftPerson {
  /** Local key of the row. */
  key: string;
  /** The person's id on the team, for someone already on it. */
  id: string | null;
  role: TeamRole;
  /** A Party member by their record; null for a volunteer without one. */
  memberId: string | null;
  name: string;
  /** A new volunteer's phone, or a new one for a volunteer on the team (empty keeps theirs). */
  phone: string;
  /** What the server shows of a volunteer's phone on the team (masked). */
  maskedPhone: string | null;
}

export interface TeamDraft {
  name: string;
  serviceKinds: ServiceKind[];
  active: boolean;
  people: DraftPerson[];
}

export type TeamRule =
  | 'name_required'
  | 'grid_team_leader_required'
  | 'grid_team_one_leader'
  | 'grid_team_person_duplicate'
  | 'volunteer_name_required'
  | 'volunteer_phone_invalid';

export interface TeamProblem {
  rule: TeamRule;
  /** The row at fault, when one is. */
  personKey: string | null;
}

/** The phone pattern of the API (`Phone` in the grids schemas). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{6,19}$/;

let keys = 0;
function nextKey(): string {
  keys += 1;
  return `person-${keys}`;
}

export function emptyDraft(): TeamDraft {
  return { name: '', serviceKinds: [], active: true, people: [] };
}

export function draftOf(team: GridTeam): TeamDraft {
  return {
    name: team.name,
    serviceKinds: team.service_kinds,
    active: team.active,
    people: team.people.map((person) => ({
      key: nextKey(),
      id: person.id,
      role: person.role,
      memberId: person.member_id,
      name: person.name,
      phone: '',
      maskedPhone: person.phone,
    })),
  };
}

/** A member found by search joins as a Party member, or as the leader if the team has none. */
export function addMember(draft: TeamDraft, member: Pick<Member, 'id' | 'name'>): TeamDraft {
  if (draft.people.some((person) => person.memberId === member.id)) return draft;
  const role: TeamRole = draft.people.some((person) => person.role === 'grid_leader') ? 'party_member' : 'grid_leader';
  return {
    ...draft,
    people: [...draft.people, { key: nextKey(), id: null, role, memberId: member.id, name: member.name, phone: '', maskedPhone: null }],
  };
}

export function addVolunteer(draft: TeamDraft, name: string, phone: string): TeamDraft {
  return {
    ...draft,
    people: [
      ...draft.people,
      { key: nextKey(), id: null, role: 'volunteer', memberId: null, name: name.trim(), phone: phone.trim(), maskedPhone: null },
    ],
  };
}

export function setRole(draft: TeamDraft, key: string, role: TeamRole): TeamDraft {
  return { ...draft, people: draft.people.map((person) => (person.key === key ? { ...person, role } : person)) };
}

export function removePerson(draft: TeamDraft, key: string): TeamDraft {
  return { ...draft, people: draft.people.filter((person) => person.key !== key) };
}

/** What the server would refuse: one leader at most, exactly one on an active team, and so on. */
export function teamProblems(draft: TeamDraft): TeamProblem[] {
  const problems: TeamProblem[] = [];
  if (!draft.name.trim()) problems.push({ rule: 'name_required', personKey: null });
  const leaders = draft.people.filter((person) => person.role === 'grid_leader');
  if (leaders.length > 1) {
    for (const leader of leaders.slice(1)) problems.push({ rule: 'grid_team_one_leader', personKey: leader.key });
  } else if (draft.active && leaders.length === 0) {
    problems.push({ rule: 'grid_team_leader_required', personKey: null });
  }
  const seen = new Set<string>();
  for (const person of draft.people) {
    if (person.memberId !== null) {
      if (seen.has(person.memberId)) problems.push({ rule: 'grid_team_person_duplicate', personKey: person.key });
      seen.add(person.memberId);
      continue;
    }
    if (!person.name.trim()) problems.push({ rule: 'volunteer_name_required', personKey: person.key });
    if (person.phone && !PHONE_PATTERN.test(person.phone)) problems.push({ rule: 'volunteer_phone_invalid', personKey: person.key });
  }
  return problems;
}

/** People as the API takes them: kept ones by `id`, members by `member_id`, volunteers by name. */
export function peopleBody(draft: TeamDraft): TeamPersonIn[] {
  return draft.people.map((person) => {
    if (person.id !== null) {
      if (person.memberId !== null) return { id: person.id, role: person.role };
      return { id: person.id, role: person.role, name: person.name.trim(), ...(person.phone ? { phone: person.phone } : {}) };
    }
    if (person.memberId !== null) return { role: person.role, member_id: person.memberId };
    return { role: person.role, name: person.name.trim(), ...(person.phone ? { phone: person.phone } : {}) };
  });
}

export function teamBody(draft: TeamDraft): { name: string; service_kinds: ServiceKind[]; active: boolean; people: TeamPersonIn[] } {
  return { name: draft.name.trim(), service_kinds: draft.serviceKinds, active: draft.active, people: peopleBody(draft) };
}
