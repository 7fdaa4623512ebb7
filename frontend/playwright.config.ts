import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8765);
/** A second server holding the whole demo county, for the demo spec's screenshots. */
const demoPort = port + 1;
const artifacts = '../tests/e2e/artifacts';

/** The real server on a fresh database (e2e/serve.sh), driven in the system Chromium. */
export default defineConfig({
  testDir: './e2e',
  outputDir: `${artifacts}/results`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: `${artifacts}/report.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'app', testIgnore: /demo\.spec\.ts/ },
    { name: 'demo', testMatch: /demo\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${demoPort}` } },
  ],
  webServer: [
    {
      command: './e2e/serve.sh',
      url: `http://127.0.0.1:${port}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { E2E_PORT: String(port) },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: './e2e/serve.sh',
      url: `http://127.0.0.1:${demoPort}/readyz`,
      reuseExistingServer: false,
      timeout: 240_000,
      env: { E2E_PORT: String(demoPort), E2E_DEMO: 'full' },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
