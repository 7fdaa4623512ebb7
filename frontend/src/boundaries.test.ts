// @vitest-environment node
// The import boundaries of eslint.config.js, run through ESLint's own Node API on snippets placed in the tree.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

/** The messages of the boundary rule for `code` as if it were the file at `path` (relative to frontend/). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('import boundaries', () => {
  beforeAll(() => {
    // The snippets are not on disk, so the type-aware rules (which need the file in the TypeScript
    // program) are switched off; the boundary rule resolves the imported files, which are real.
    eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
  });

  it('refuses a feature importing another feature', async () => {
    const errors = await boundaryErrors(
      'src/features/members/Probe.tsx',
      "import { organizationQuery } from '../organizations/api';\nexport const probe = organizationQuery;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('never another feature');
  });

  it('refuses the shared layers importing a feature', async () => {
    for (const path of ['src/lib/probe.ts', 'src/components/probe.ts', 'src/api/probe.ts']) {
      const errors = await boundaryErrors(path, "import { isFinal } from '../features/imports/job';\nexport const probe = isFinal;\n");
      expect(errors, path).toHaveLength(1);
    }
  });

  it('lets a feature import its own folder and the shared layers', async () => {
    const errors = await boundaryErrors(
      'src/features/imports/Probe.tsx',
      [
        "import { isFinal } from './job';",
        "import { api } from '../../api/client';",
        "import { Loading } from '../../components/Loading';",
        "import { formatDate } from '../../lib/format';",
        'export const probe = [isFinal, api, Loading, formatDate];',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
