import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download its own browsers on these machines, so the tests drive the system
// Chromium. The flags keep it from reaching the network on its own (updates, sync, first-run pages).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL: process.env.ASSAY_E2E_URL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    // The user stories of catalog browsing and reviews again, against a server on PostgreSQL; the
    // global setup starts it only when TEST_DATABASE_URL is set (pnpm test always sets it).
    ...(process.env.TEST_DATABASE_URL
      ? [
          {
            name: 'postgres',
            testMatch: ['catalog.spec.ts', 'reviews.spec.ts'],
            use: { ...devices['Desktop Chrome'], channel: undefined, baseURL: process.env.ASSAY_E2E_PG_URL },
          },
        ]
      : []),
  ],
});
