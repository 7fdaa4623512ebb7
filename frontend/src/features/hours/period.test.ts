import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { monthsBetween, paramsFromQuery, queryFromParams, recordsLink } from './period';

describe('the hours period', () => {
  it('defaults to this year up to this month, and keeps what the URL says', () => {
    const today = dayjs('2025-05-20');
    expect(queryFromParams(new URLSearchParams(), today)).toEqual({ within: null, from: '2025-01', to: '2025-05' });
    const query = queryFromParams(new URLSearchParams('within=o1&from=2024-11&to=2025-02'), today);
    expect(query).toEqual({ within: 'o1', from: '2024-11', to: '2025-02' });
    expect(paramsFromQuery(query).toString()).toBe('from=2024-11&to=2025-02&within=o1');
  });

  it('lists every month of the period, empty ones included', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('links a month or a member to their verified records', () => {
    const query = { within: 'o1', from: '2025-01', to: '2025-03' };
    expect(recordsLink(query, { from: '2025-02', to: '2025-02' })).toBe(
      '/volunteer-records?status=verified&served_from=2025-02-01&served_to=2025-02-28&within=o1',
    );
    expect(recordsLink(query, { memberId: 'm1' })).toContain('served_from=2025-01-01&served_to=2025-03-31&within=o1&member_id=m1');
  });
});
