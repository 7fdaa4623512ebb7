import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { isPhone, normalizePhone, phoneRule } from './phone';

describe('phone numbers', () => {
  it('are taken and written as the server takes and writes them', () => {
    // The cases of tests/members/test_personal_data.py.
    expect(normalizePhone('13812345678')).toBe('13812345678');
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('0571-87654321')).toBe('0571-87654321');
    expect(normalizePhone('057187654321')).toBe('0571-87654321');
    expect(normalizePhone('010-12345678-808')).toBe('010-12345678-808');
    expect(normalizePhone('(021) 6123 4567转12')).toBe('021-61234567-12');
    expect(normalizePhone('0571-87654321 ext.808')).toBe('0571-87654321-808');
  });

  it('refuse what the server refuses', () => {
    for (const phone of ['12345', '12812345678', '1381234567', '0571-1234', 'abc', '138123456789', '0571-07654321']) {
      expect(isPhone(phone), phone).toBe(false);
    }
  });

  it('as a form rule: empty or a number, else the server’s words for phone_invalid', async () => {
    const rule = phoneRule(translator('zh-CN'), '12345');
    await expect(rule.validator(null, '')).resolves.toBeUndefined();
    await expect(rule.validator(null, '13812345678')).resolves.toBeUndefined();
    await expect(rule.validator(null, '12345')).resolves.toBeUndefined();
    await expect(rule.validator(null, '6543210')).rejects.toThrow('应为手机号（如 13812345678）或带区号的固定电话（如 0571-87654321）');
  });
});
