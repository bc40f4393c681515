import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests beside the code, integration tests (*.int.test.ts) against
// real Kafka, Elasticsearch and Redis started (or reused) by the global setup, and the
// fault suite (tests/faults/*.faults.test.ts), which restarts those servers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 1 },
          include: ['{core,insight,analytics,alerts,access,ingest,processors,scheduler,api,dashboards,demo,cli,stack,tests,bench}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.faults.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // The servers are shared; files run one after another so fault tests
          // (stopping Elasticsearch, killing a processor) cannot disturb others.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The fault suite (npm run test:faults): restarts the shared servers, so it runs
        // after the integration tests, alone.
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.faults.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
