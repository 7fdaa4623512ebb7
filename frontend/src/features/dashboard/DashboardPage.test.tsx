import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeMe, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { DashboardPage } from './DashboardPage';

const county = makeOrganization({ name: '青山县委' });
const vacant = makeOrganization({ name: '西村党支部', parent_id: county.id, depth: 1, kind: 'branch', tier: 'village' });

function serve() {
  saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ is_superuser: true })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    [`GET /api/v1/organizations/${county.id}`]: () => json(county),
    'GET /api/v1/organizations': ({ search }) =>
      json({ items: new URLSearchParams(search).get('secretary_vacant') === 'true' ? [vacant] : [county, vacant], next_cursor: null, total: 1 }),
    [`GET /api/v1/organizations/${county.id}/stats`]: () =>
      json({
        organization_id: county.id,
        total: 2,
        by_domain: {},
        by_kind: {},
        by_tier: {},
        by_flag: {},
        secretaries_in_place: 1,
        secretary_vacancies: 1,
        first_secretaries: 0,
      }),
  });
}

describe('the dashboard', () => {
  it('the 书记空缺 figure opens the organization list filtered to them', async () => {
    serve();
    const { router } = renderWithApp(<DashboardPage />, { path: '/dashboard/:organizationId', route: `/dashboard/${county.id}` });
    await userEvent.click(await screen.findByRole('link', { name: /^书记空缺组织\s*1/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations'));
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('within')).toBe(county.id);
    expect(params.get('secretary_vacant')).toBe('true');
  });

});
