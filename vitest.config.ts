import { defineConfig } from 'vitest/config'

// Two projects: `unit` is the pure layers and the store (seconds, `npm run test:unit` while
// working); `system` is everything with a mock WeChat, queues, child processes or a browser.
export default defineConfig({
  test: {
    // Two cores: one file each. Most time is spent waiting (child processes, Redis, timers).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/{src,db,templates}/**/*.test.ts'],
          // Pure functions and stores of their own: nothing a file leaves behind reaches the next,
          // so the modules are loaded once per worker rather than once per file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: ['test/{src,db,templates}/**'],
        },
      },
    ],
  },
})
