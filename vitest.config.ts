import { defineConfig } from 'vitest/config';

// Two tiers: pure unit tests beside the code, and integration tests (*.int.test.ts)
// against real Kafka, Elasticsearch and Redis started (or reused) by the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,insight,analytics,alerts,access,ingest,processors,scheduler,api,dashboards,demo,cli,stack,tests,bench}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
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
        },
      },
    ],
  },
});
