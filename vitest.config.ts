import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // PDFs are parsed (and the CLI tests spawn worker processes): be generous.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
