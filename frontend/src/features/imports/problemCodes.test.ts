// Every problem a refused cell or row can carry is said in both languages, with what the cell should hold.
// (Moved here from lib/i18n/dictionaries.test.ts: it needs this feature's job.ts, which lib/ may not import.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { zh } from '../../lib/i18n/zh';
import { expectedKeysOf } from './job';

const BACKEND = join(__dirname, '../../../../backend/grassroots');

function pythonSources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === '__pycache__' ? [] : pythonSources(path);
    return name.endsWith('.py') ? [readFileSync(path, 'utf8')] : [];
  });
}

function matches(sources: string[], pattern: RegExp): string[] {
  return [...new Set(sources.flatMap((source) => [...source.matchAll(pattern)].map((match) => match[1] ?? '')))].sort();
}

/** Every code a refused cell can carry: its own checks, and what the import adds. */
const CELL_CODES = matches(pythonSources(BACKEND), /(?:ValueProblem|PydanticCustomError)\(\s*"([a-z_]+)"/g);
/** The codes of imported rows' problems (backend/grassroots/imports/service.py). */
const ROW_CODES = [
  'missing', 'invalid_choice', 'invalid_yes_no', 'invalid_date', 'out_of_range', 'too_long', 'too_many_decimals',
  'invalid_number', 'invalid_integer', 'invalid_format', 'phone_invalid', 'invalid_id_number', 'id_number_check_digit_wrong',
  'id_number_birth_date_invalid', 'date_in_future', 'control_characters', 'member_birth_date_mismatch',
  'volunteer_served_in_future', 'volunteer_day_over_24_hours', 'member_id_number_taken', 'duplicate_id_number',
  'organization_not_found', 'member_not_found',
];

describe('import problem codes', () => {
  it('say what is wrong with a cell and what it should hold, for every row problem code', () => {
    expect(CELL_CODES).toEqual(expect.arrayContaining(['invalid_choice', 'phone_invalid', 'id_number_check_digit_wrong', 'date_in_future']));
    for (const code of new Set([...ROW_CODES, ...CELL_CODES])) {
      expect(zh, code).toHaveProperty(`import.problem.${code}`);
      expect(en, code).toHaveProperty(`import.problem.${code}`);
      const expected = expectedKeysOf(code);
      expect(expected.length, code).toBeGreaterThan(0);
      for (const key of expected) {
        expect(zh, key).toHaveProperty(key);
        expect(en, key).toHaveProperty(key);
      }
    }
  });
});
