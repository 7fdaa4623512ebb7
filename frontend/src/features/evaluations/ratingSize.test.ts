// @vitest-environment node
/**
 * The public rating page is opened on phones from a QR code: its first load must stay within
 * 150 KB of compressed JavaScript and CSS. This builds the app, follows what `/rate/<token>`
 * loads (index.html, its entry's static imports, the dynamically imported RatingApp chunk with
 * its own imports and CSS) and adds up their gzip sizes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BUDGET = 150 * 1024;
const root = resolve(__dirname, '../../..');
const RATING_ENTRY = 'src/features/evaluations/RatingApp.tsx';

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  name?: string;
}

let outDir = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'grassroots-rating-size-'));
  // Vitest runs with NODE_ENV=test, which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      mode: 'production',
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Every file the rating page loads first: the HTML's assets, then the rating chunk's graph. */
function ratingFiles(): { files: Set<string>; chunks: Set<string> } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const files = new Set<string>(['index.html']);
  for (const match of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) files.add(match[1]!);
  const chunks = new Set<string>();
  const follow = (key: string) => {
    if (chunks.has(key)) return;
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`the manifest has no ${key}`);
    chunks.add(key);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const next of chunk.imports ?? []) follow(next);
  };
  follow('index.html');
  expect(manifest['index.html']?.dynamicImports).toContain(RATING_ENTRY);
  follow(RATING_ENTRY);
  return { files, chunks };
}

describe('the public rating page', () => {
  it('loads neither Ant Design, ECharts nor the router', () => {
    const { chunks, files } = ratingFiles();
    const names = [...files].join(' ');
    expect(names).not.toMatch(/antd|charts|router|AppRoot/);
    expect([...chunks].join(' ')).not.toMatch(/antd|charts|router|AppRoot/);
  });

  it('first loads at most 150 KB of compressed JavaScript and CSS', () => {
    const { files } = ratingFiles();
    let total = 0;
    for (const file of files) total += gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
    console.info(`rating page first load: ${(total / 1024).toFixed(1)} KB gzip in ${files.size} files`);
    expect(total).toBeGreaterThan(20 * 1024); // React itself: the walk found the real graph
    expect(total).toBeLessThanOrEqual(BUDGET);
  });
});
