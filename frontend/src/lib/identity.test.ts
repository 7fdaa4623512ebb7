import { describe, expect, it } from 'vitest';
import { birthDateOf, checkDigit, genderOf, idNumberProblem, looksLikeIdNumber, normalizeIdNumber } from './identity';

describe('identity numbers (GB 11643)', () => {
  it('reads the gender from the seventeenth digit: odd for a man, even for a woman', () => {
    expect(genderOf('11010519491231002X')).toBe('female');
    expect(genderOf('440524188001010014')).toBe('male');
    expect(genderOf('1101')).toBeNull();
  });

  it('computes the check character, X included', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
    expect(checkDigit('33012719900307001')).toBe('6');
  });

  it('accepts a valid number in either case and with spaces around it', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem(' 11010519491231002x ')).toBeNull();
    expect(idNumberProblem('440524188001010014')).toBeNull();
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('says what is wrong: the shape, the check digit or the birth date', () => {
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
    const seventeen = '11010519490230002';
    expect(idNumberProblem(seventeen + checkDigit(seventeen))).toBe('birthDate');
  });

  it('reads the birth date inside a number', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf('110105194902300021')).toBeNull();
  });

  it('tells a whole number from a name', () => {
    expect(looksLikeIdNumber('11010519491231002x')).toBe(true);
    expect(looksLikeIdNumber('张三')).toBe(false);
  });
});
