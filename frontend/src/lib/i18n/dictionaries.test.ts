import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

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

const SOURCES = pythonSources(BACKEND);
/** Every problem code the server's error classes carry (`code = "…"`). */
const SERVER_CODES = matches(SOURCES, /^\s+code = "([a-z_]+)"/gm);
/** Why a job failed (JobRead.error_code). */
const JOB_CODES = [
  'import_columns_missing', 'import_table_unreadable', 'import_too_many_rows', 'import_rows_refused',
  'upload_too_large_uncompressed', 'member_id_number_checks_throttled', 'job_interrupted', 'job_failed',
];

/** Every feature's part of each dictionary (`zh.<feature>.ts`, `en.<feature>.ts`). */
const PARTS = import.meta.glob<Record<string, Record<string, string>>>('./{zh,en}.*.ts', { eager: true });

const ERROR_CODES = [
  'validation_error', 'not_found', 'organization_not_found', 'organization_parent_not_found', 'organization_code_taken',
  'organization_move_cycle', 'organization_not_empty', 'organization_too_deep', 'precondition_failed', 'edit_conflict',
  'conflict', 'idempotency_key_reused', 'idempotency_key_in_flight', 'invalid_cursor', 'database_unavailable',
  'internal_error', 'method_not_allowed', 'payload_too_large', 'invalid_credentials', 'too_many_attempts',
  'invalid_refresh_token', 'not_authenticated', 'token_expired', 'session_ended', 'forbidden', 'user_not_found', 'username_taken',
  'password_too_short', 'password_too_common', 'grant_not_found', 'api_key_not_found',
  'member_not_found', 'member_id_number_taken', 'member_birth_date_mismatch', 'member_not_empty', 'member_already_linked',
  'member_required', 'activity_not_found', 'activity_full', 'activity_already_signed_up', 'signup_not_found',
  'activity_capacity_below_signups', 'volunteer_day_over_24_hours', 'volunteer_served_in_future',
  'volunteer_record_wrong_state', 'volunteer_record_not_found', 'pledge_not_found', 'invalid_request',
  'import_table_unreadable', 'import_columns_missing', 'import_rows_refused', 'job_not_found', 'evidence_not_a_photo',
  'evidence_too_large', 'evidence_too_many', 'evidence_not_found', 'member_already_in_organization',
  'member_not_yours', 'member_id_number_checks_throttled', 'phone_invalid', 'unauthorized', 'not_acceptable',
  'unsupported_media_type', 'payload_too_large', 'edit_conflict', 'internal_error',
];

describe('dictionaries', () => {
  it('translate every error code of the API into both languages', () => {
    for (const code of ERROR_CODES) {
      expect(zh, code).toHaveProperty(`error.code.${code}`);
      expect(en, code).toHaveProperty(`error.code.${code}`);
    }
  });

  it('translate every problem code the server declares', () => {
    expect(SERVER_CODES.length).toBeGreaterThan(60);
    expect(SERVER_CODES).toContain('grid_team_one_leader');
    for (const code of SERVER_CODES) {
      expect(zh, code).toHaveProperty(`error.code.${code}`);
      expect(en, code).toHaveProperty(`error.code.${code}`);
    }
  });

  it('say why a job failed, for every failure code', () => {
    for (const code of JOB_CODES) {
      expect(zh, code).toHaveProperty(`error.code.${code}`);
      expect(en, code).toHaveProperty(`error.code.${code}`);
    }
  });

  it('have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('keep each key in exactly one feature file, and join every feature file', () => {
    for (const [language, whole] of [['zh', zh], ['en', en]] as const) {
      const owner = new Map<string, string>();
      for (const [path, module] of Object.entries(PARTS)) {
        if (!path.startsWith(`./${language}.`)) continue;
        for (const part of Object.values(module)) {
          for (const key of Object.keys(part)) {
            expect(owner.get(key), `${key} in ${path}`).toBeUndefined();
            owner.set(key, path);
          }
        }
      }
      expect(owner.size).toBeGreaterThan(1000);
      expect([...owner.keys()].sort()).toEqual(Object.keys(whole).sort());
    }
  });

  it('write Chinese in the Chinese dictionary', () => {
    const allowedLatin = /API|XLSX|xlsx|Bearer|Authorization|m²|\. _ -|64|8|\{\w+\}|<[^>]*>|CSV|UTF-8|GB18030|Excel|\.xlsx|\.csv|JPEG|PNG|WebP|HEIC|MB|GeoJSON|\.geojson|MultiPolygon|Polygon|WGS 84|JSON|"type"|"coordinates"/g;
    for (const [key, text] of Object.entries(zh)) {
      expect(text.replace(allowedLatin, ''), key).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
