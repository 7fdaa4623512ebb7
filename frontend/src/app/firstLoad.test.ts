// @vitest-environment node
/**
 * What a person waits for before a page is usable: the compressed JavaScript and CSS its first
 * load fetches. This builds the app once, follows each entry's chunk graph in Vite's manifest
 * (index.html, its static imports, the dynamically imported entry with its own imports and CSS)
 * and adds up gzip sizes. The public rating page is opened on phones from a QR code (150 KB);
 * the login page is where everyone else starts (400 KB); every other route loads by route.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KB = 1024;
const root = resolve(__dirname, '../..');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

let outDir = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'grassroots-first-load-'));
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
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Every file and chunk a first load fetches: the HTML's assets, then each entry's static graph. */
function firstLoad(...entries: string[]): { files: Set<string>; chunks: Set<string> } {
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
  for (const entry of entries) follow(entry);
  return { files, chunks };
}

/** The gzip size of the files, logged so that a change shows its cost. */
function compressedSize(label: string, files: Set<string>): number {
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
  console.info(`${label} first load: ${(total / KB).toFixed(1)} KB gzip in ${files.size} files`);
  return total;
}

describe('the public rating page', () => {
  const entry = 'src/features/evaluations/RatingApp.tsx';

  it('loads neither Ant Design, ECharts nor the router', () => {
    const { chunks, files } = firstLoad(entry);
    expect([...files].join(' ')).not.toMatch(/antd|charts|router|AppRoot/);
    expect([...chunks].join(' ')).not.toMatch(/antd|charts|router|AppRoot/);
  });

  it('first loads at most 150 KB of compressed JavaScript and CSS', () => {
    const total = compressedSize('rating page', firstLoad(entry).files);
    expect(total).toBeGreaterThan(20 * KB); // React itself: the walk found the real graph
    expect(total).toBeLessThanOrEqual(150 * KB);
  });
});

describe('the login page', () => {
  const entries = ['src/app/AppRoot.tsx', 'src/features/auth/LoginPage.tsx'];

  it('loads no chart library', () => {
    const { files } = firstLoad(...entries);
    expect([...files].join(' ')).not.toMatch(/charts/);
  });

  it('first loads at most 400 KB of compressed JavaScript and CSS', () => {
    const total = compressedSize('login page', firstLoad(...entries).files);
    expect(total).toBeGreaterThan(100 * KB); // React and Ant Design: the walk found the real graph
    expect(total).toBeLessThanOrEqual(400 * KB);
  });
});
