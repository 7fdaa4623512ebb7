import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeMe, makeRecord } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { RecentRecords } from './RecentRecords';

describe('RecentRecords', () => {
  it('asks for the newest records first, with their total', async () => {
    saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
    const record = makeRecord({ member_name: '李明' });
    const { requests } = mockServer({
      'GET /api/v1/me': () => json(makeMe({ is_superuser: true })),
      'GET /api/v1/meta/enums': () => json(ENUMS),
      'GET /api/v1/volunteer-records': () => json({ items: [record], next_cursor: null, total: 1 }),
    });
    renderWithApp(<RecentRecords within="org-1" limit={3} />);
    expect(await screen.findByText('李明')).toBeInTheDocument();
    const asked = requests.filter((request) => request.path === '/api/v1/volunteer-records');
    expect(asked).toHaveLength(1);
    const query = new URLSearchParams(asked[0]?.search);
    expect(Object.fromEntries(query)).toMatchObject({ within: 'org-1', limit: '3', order: 'newest', include_total: 'true' });
  });
});
