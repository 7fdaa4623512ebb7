import { describe, expect, it } from 'vitest';
import { hoursProblem, loggedHours } from './hours';

describe('logging hours', () => {
  it('needs a number above nothing, with at most two decimals', () => {
    expect(hoursProblem(undefined)).toEqual({ code: 'required' });
    expect(hoursProblem(null)).toEqual({ code: 'required' });
    expect(hoursProblem(0)).toEqual({ code: 'notPositive' });
    expect(hoursProblem(-1)).toEqual({ code: 'notPositive' });
    expect(hoursProblem(1.255)).toEqual({ code: 'tooPrecise' });
    expect(hoursProblem(1.25)).toBeNull();
    expect(hoursProblem(0.1 + 0.2)).toBeNull();
  });

  it('holds a day to 24 hours, counting what the day already has', () => {
    expect(hoursProblem(24)).toBeNull();
    expect(hoursProblem(24.5)).toEqual({ code: 'overDay', logged: 0, left: 24 });
    expect(hoursProblem(4, 20)).toBeNull();
    expect(hoursProblem(4.5, 20)).toEqual({ code: 'overDay', logged: 20, left: 4 });
    expect(hoursProblem(1, 24)).toEqual({ code: 'overDay', logged: 24, left: 0 });
  });

  it('counts pending and verified records of the day, not rejected ones', () => {
    const day = [
      { hours: 8, status: 'verified' },
      { hours: 2.5, status: 'pending' },
      { hours: 10, status: 'rejected' },
    ];
    expect(loggedHours(day)).toBe(10.5);
    expect(hoursProblem(14, loggedHours(day))).toEqual({ code: 'overDay', logged: 10.5, left: 13.5 });
    expect(hoursProblem(13.5, loggedHours(day))).toBeNull();
  });
});
