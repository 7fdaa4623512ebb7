import { screen, waitFor, within as inside } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Coverage, GridTeam } from '../../api/types';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeMe, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { CoveragePage } from './CoveragePage';
import { NO_TEAM_FILTERS, organizationsLink, paramsFromTeamFilters, teamFiltersFromParams, teamsLink } from './filters';
import { TeamsPage } from './TeamsPage';

const town = makeOrganization({ name: '城关镇党委', tier: 'township' });
const village = makeOrganization({ name: '东村党支部', parent_id: town.id, depth: 1, kind: 'branch', tier: 'village' });

function gap<T>(count: number, items: T[]) {
  return { count, items };
}

const team = { id: 't1', grid_id: 'g1', name: '东村一网格服务队' };
const coverage = {
  organization_id: town.id,
  grids: 3,
  grids_with_active_team: 1,
  grids_without_active_team: gap(2, [{ id: 'g2', organization_id: village.id, code: 'G2', name: '二网格' }]),
  teams: 4,
  active_teams: 3,
  active_teams_without_leader: gap(700, [team]),
  active_teams_without_party_members: gap(1, [team]),
  grid_organizations: 2,
  organizations_without_grid: gap(1, [{ id: village.id, code: village.code, name: village.name, tier: 'village' }]),
  households: { in_grids: 10, declared: 20 },
  population: { in_grids: 30, declared: 60 },
  units: { total: 1, covered: 0, by_coverage: { own: 0, joint: 0, none: 1 }, uncovered: gap(0, []) },
} as unknown as Coverage;

const leaderless = {
  id: 't1',
  grid_id: 'g1',
  organization_id: village.id,
  name: '东村一网格服务队',
  service_kinds: [],
  active: true,
  people: [],
  version: 1,
} as unknown as GridTeam;

function serve() {
  saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ is_superuser: true })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    [`GET /api/v1/organizations/${town.id}`]: () => json(town),
    [`GET /api/v1/organizations/${village.id}`]: () => json(village),
    'GET /api/v1/grid-coverage': () => json(coverage),
    'GET /api/v1/grid-teams': ({ search }) =>
      json({ items: new URLSearchParams(search).get('has_leader') === 'false' ? [leaderless] : [], next_cursor: null, total: 1 }),
    'GET /api/v1/grids/g1': () => json({ id: 'g1', code: 'G1', name: '一网格' }),
  });
}

describe('links to a whole gap', () => {
  it('build the team and organization list URLs with the gap’s filters', () => {
    expect(teamsLink({ within: 'o1', active: true, hasLeader: false })).toBe('/grid-teams?within=o1&active=true&has_leader=false');
    expect(teamsLink({ active: true, hasPartyMembers: false })).toBe('/grid-teams?active=true&has_party_members=false');
    expect(teamsLink({})).toBe('/grid-teams');
    expect(organizationsLink({ within: null, hasGrid: false })).toBe('/organizations?has_grid=false');
    expect(organizationsLink({ within: 'o1', hasGrid: true })).toBe('/organizations?within=o1&has_grid=true');
  });

  it('read the team filters back from the URL, both ways, ignoring anything else', () => {
    const filters = teamFiltersFromParams(new URLSearchParams('within=o1&active=true&has_leader=false&has_party_members=true'));
    expect(filters).toEqual({ within: 'o1', active: true, hasLeader: false, hasPartyMembers: true });
    expect(paramsFromTeamFilters(filters).toString()).toBe('within=o1&active=true&has_leader=false&has_party_members=true');
    expect(teamFiltersFromParams(new URLSearchParams('has_leader=maybe&active='))).toEqual(NO_TEAM_FILTERS);
  });
});

describe('the coverage page', () => {
  it('gives every gap that has rows a “查看全部 (N)” link to its filtered list', async () => {
    serve();
    renderWithApp(<CoveragePage />, { path: '/grid-coverage', route: `/grid-coverage?within=${town.id}` });
    const links = (await screen.findAllByRole('link', { name: /^查看全部/ })).map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['查看全部 (2)', `/grids?within=${town.id}&has_team=false`],
      ['查看全部 (700)', `/grid-teams?within=${town.id}&active=true&has_leader=false`],
      ['查看全部 (1)', `/grid-teams?within=${town.id}&active=true&has_party_members=false`],
      ['查看全部 (1)', `/organizations?within=${town.id}&has_grid=false`],
    ]);
    expect(screen.getByText('列出前 1 个，共 700 个')).toBeInTheDocument();
  });
});

describe('the team list', () => {
  it('asks the server with the filters of the URL, shows them, and drops one when it is cleared', async () => {
    const { requests } = serve();
    const { router } = renderWithApp(<TeamsPage />, {
      path: '/grid-teams',
      route: `/grid-teams?within=${town.id}&active=true&has_leader=false`,
    });
    expect(await screen.findByRole('link', { name: '东村一网格服务队' })).toBeInTheDocument();
    const asked = new URLSearchParams(requests.find((request) => request.path === '/api/v1/grid-teams')?.search);
    expect([asked.get('within'), asked.get('active'), asked.get('has_leader'), asked.get('has_party_members')]).toEqual([town.id, 'true', 'false', null]);
    const leader = screen.getByRole('combobox', { name: '网格长' }).closest('.ant-select') as HTMLElement;
    expect(inside(leader).getByText('无网格长')).toBeInTheDocument();
    await userEvent.hover(leader);
    await userEvent.click(leader.querySelector('.ant-select-clear') as HTMLElement);
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('has_leader')).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get('active')).toBe('true');
    expect(await screen.findByText('没有符合条件的服务团队')).toBeInTheDocument();
  });
});
