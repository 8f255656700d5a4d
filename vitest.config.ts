import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./infra/local/test-setup.ts'],
    include: ['{shared,functions,infra,web,bench}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cdk.out/**', 'web/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default', './infra/summary-reporter.ts'],
    env: { LOG_LEVEL: 'silent' },
  },
});
