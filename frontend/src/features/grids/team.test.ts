import { describe, expect, it } from 'vitest';
import type { GridTeam } from '../../api/types';
import { en } from '../../lib/i18n/en';
import { zh } from '../../lib/i18n/zh';
import { addMember, addVolunteer, draftOf, emptyDraft, peopleBody, removePerson, setRole, teamProblems, type TeamDraft } from './team';

const rules = (draft: TeamDraft) => teamProblems(draft).map((problem) => problem.rule);

function named(name = '城南一网格服务团队'): TeamDraft {
  return { ...emptyDraft(), name };
}

describe('the team editor’s rules', () => {
  it('wants exactly one leader on an active team, none required on an inactive one', () => {
    const draft = addVolunteer(named(), '王大妈', '13800001111');
    expect(rules(draft)).toEqual(['grid_team_leader_required']);
    expect(rules({ ...draft, active: false })).toEqual([]);
    const led = setRole(draft, draft.people[0]!.key, 'grid_leader');
    expect(rules(led)).toEqual([]);
  });

  it('refuses a second leader, naming the row', () => {
    let draft = addMember(named(), { id: 'm1', name: '李书记' });
    draft = addMember(draft, { id: 'm2', name: '张党员' });
    expect(draft.people.map((person) => person.role)).toEqual(['grid_leader', 'party_member']);
    draft = setRole(draft, draft.people[1]!.key, 'grid_leader');
    expect(teamProblems(draft)).toEqual([{ rule: 'grid_team_one_leader', personKey: draft.people[1]!.key }]);
    expect(teamProblems({ ...draft, active: false })).toEqual([{ rule: 'grid_team_one_leader', personKey: draft.people[1]!.key }]);
  });

  it('adds a member once, and checks names and phones of volunteers', () => {
    let draft = addMember(named(), { id: 'm1', name: '李书记' });
    expect(addMember(draft, { id: 'm1', name: '李书记' })).toBe(draft);
    draft = addVolunteer(draft, '  ', '');
    draft = addVolunteer(draft, '赵师傅', '12-3');
    expect(rules(draft)).toEqual(['volunteer_name_required', 'volunteer_phone_invalid']);
    draft = removePerson(removePerson(draft, draft.people[1]!.key), draft.people[2]!.key);
    expect(rules(draft)).toEqual([]);
    expect(rules({ ...draft, name: ' ' })).toEqual(['name_required']);
  });

  it('sends kept people by id, members by member_id and volunteers by name and phone', () => {
    const team = {
      id: 't',
      grid_id: 'g',
      organization_id: 'o',
      name: '团队',
      service_kinds: [],
      active: true,
      version: 1,
      created_at: '',
      updated_at: '',
      people: [
        { id: 'p1', role: 'grid_leader', member_id: 'm1', name: '李书记', phone: null, is_party_member: true },
        { id: 'p2', role: 'volunteer', member_id: null, name: '王大妈', phone: '138****1111', is_party_member: false },
      ],
    } satisfies GridTeam;
    let draft = draftOf(team);
    draft = addMember(draft, { id: 'm3', name: '张党员' });
    draft = addVolunteer(draft, '赵师傅', '');
    expect(peopleBody(draft)).toEqual([
      { id: 'p1', role: 'grid_leader' },
      { id: 'p2', role: 'volunteer', name: '王大妈' },
      { role: 'party_member', member_id: 'm3' },
      { role: 'volunteer', name: '赵师傅' },
    ]);
  });

  it('has words for every rule and every grid error code, in both languages', () => {
    const codes = [
      'grid_not_found', 'grid_not_located', 'grid_organization_tier', 'grid_code_taken', 'grid_has_teams',
      'grid_boundary_invalid', 'grid_team_not_found', 'grid_team_leader_required', 'grid_team_one_leader',
      'grid_team_member_outside_grid', 'grid_team_person_duplicate', 'grid_team_person_not_found', 'unit_not_found',
      'unit_grid_outside_organization', 'unit_invalid', 'member_not_found', 'organization_not_found',
    ];
    for (const code of codes) {
      expect(zh, code).toHaveProperty(`error.code.${code}`);
      expect(en, code).toHaveProperty(`error.code.${code}`);
    }
    for (const rule of ['name_required', 'grid_team_leader_required', 'grid_team_one_leader', 'grid_team_person_duplicate', 'volunteer_name_required', 'volunteer_phone_invalid']) {
      expect(zh).toHaveProperty(`team.rule.${rule}`);
    }
  });
});
