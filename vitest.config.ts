import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; give a shared, loaded machine room before calling a run hung.
    testTimeout: 30_000,
  },
});
