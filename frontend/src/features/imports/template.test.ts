import { describe, expect, it } from 'vitest';
import { MEMBER_HEADERS, RECORD_HEADERS, REQUIRED_HEADERS, templateCsv, templateFilename } from './template';

describe('import templates', () => {
  it('start with a UTF-8 byte-order mark and hold the Chinese headers the importer reads', () => {
    const csv = templateCsv('members');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const headers = csv.slice(1).trim().split(',');
    expect(headers).toEqual([...MEMBER_HEADERS]);
    expect(headers.slice(0, 2)).toEqual(['姓名', '性别']);
    expect(headers).toContain('公民身份号码');
    expect(headers).toContain('所在党组织编码');
  });

  it('carry every column an import requires', () => {
    for (const kind of ['members', 'volunteer-records'] as const) {
      const headers = templateCsv(kind).slice(1).trim().split(',');
      for (const required of REQUIRED_HEADERS[kind]) expect(headers, `${kind}: ${required}`).toContain(required);
      expect(templateFilename(kind)).toMatch(/\.csv$/);
    }
    expect(templateCsv('volunteer-records').slice(1).trim().split(',')).toEqual([...RECORD_HEADERS]);
    expect(RECORD_HEADERS).toContain('服务时长（小时）');
  });
});
