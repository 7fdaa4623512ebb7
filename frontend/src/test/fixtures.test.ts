// The fake server of the tests answers `/me` with the permissions the real server computes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, SERVER_ROLE_PERMISSIONS } from './fixtures';

const SECURITY = readFileSync(join(__dirname, '../../../backend/grassroots/core/security.py'), 'utf8');

/** `NAME = "value"` members of a Python enum class, in order. */
function enumMembers(className: string): Map<string, string> {
  const body = SECURITY.split(`class ${className}(`)[1]?.split(/\n(?=\S)/)[0] ?? '';
  return new Map([...body.matchAll(/^ {4}([A-Z_]+) = "([a-z_:]+)"/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('the test fixtures', () => {
  it('list every permission of the server, in its order', () => {
    expect(ALL_PERMISSIONS).toEqual([...enumMembers('Permission').values()]);
  });

  it("give each role the server's permissions", () => {
    const permissions = enumMembers('Permission');
    const roles = enumMembers('Role');
    const table = SECURITY.split('ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {')[1]?.split('\n}\n')[0] ?? '';
    const entries = [...table.matchAll(/Role\.([A-Z_]+): frozenset\(([^)]*)\)/g)];
    expect(entries.map((m) => roles.get(m[1] ?? '')).sort()).toEqual(Object.keys(SERVER_ROLE_PERMISSIONS).sort());
    for (const [, role = '', body = ''] of entries) {
      const held =
        body.trim() === 'Permission'
          ? ALL_PERMISSIONS
          : ALL_PERMISSIONS.filter((p) => [...body.matchAll(/Permission\.([A-Z_]+)/g)].some((m) => permissions.get(m[1] ?? '') === p));
      expect(SERVER_ROLE_PERMISSIONS[roles.get(role) as keyof typeof SERVER_ROLE_PERMISSIONS], role).toEqual(held);
    }
  });
});
