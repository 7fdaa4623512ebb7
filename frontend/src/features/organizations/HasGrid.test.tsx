import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeMe, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { filtersFromParams, NO_FILTERS, paramsFromFilters } from './filters';
import { OrganizationsPage } from './OrganizationsPage';

const town = makeOrganization({ name: '城关镇党委', tier: 'township' });
const bare = makeOrganization({ name: '西村党支部', parent_id: town.id, depth: 1, kind: 'branch', tier: 'village' });

function serve() {
  saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ is_superuser: true })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    [`GET /api/v1/organizations/${town.id}`]: () => json(town),
    'GET /api/v1/organizations': ({ search }) =>
      json({ items: new URLSearchParams(search).get('has_grid') === 'false' ? [bare] : [town, bare], next_cursor: null, total: 1 }),
  });
}

describe('villages and communities without a grid (coverage gap)', () => {
  it('reads has_grid from the URL both ways and writes it back', () => {
    expect(filtersFromParams(new URLSearchParams('has_grid=false')).hasGrid).toBe(false);
    expect(filtersFromParams(new URLSearchParams('has_grid=true')).hasGrid).toBe(true);
    expect(filtersFromParams(new URLSearchParams('has_grid=yes')).hasGrid).toBeNull();
    expect(paramsFromFilters({ ...NO_FILTERS, hasGrid: false }).toString()).toBe('has_grid=false');
    expect(paramsFromFilters(NO_FILTERS).toString()).toBe('');
  });

  it('the list asks the server for them and shows the filter as a tag that removes it', async () => {
    const { requests } = serve();
    const { router } = renderWithApp(<OrganizationsPage />, {
      path: '/organizations',
      route: `/organizations?within=${town.id}&has_grid=false`,
    });
    expect(await screen.findByRole('link', { name: '西村党支部' })).toBeInTheDocument();
    const list = requests.find((request) => request.path === '/api/v1/organizations');
    expect(new URLSearchParams(list?.search).get('has_grid')).toBe('false');
    const tag = screen.getByText('未划分网格的村（社区）').closest('.ant-tag') as HTMLElement;
    await userEvent.click(tag.querySelector('.ant-tag-close-icon') as HTMLElement);
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('has_grid')).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get('within')).toBe(town.id);
  });
});
