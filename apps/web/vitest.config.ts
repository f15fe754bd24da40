import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    testTimeout: 60000,
    // A browser test polls the page for what a partner's edit makes appear. On a loaded
    // two-core CI machine one edit's round trip (socket, server, engine, paint) can take
    // longer than vitest's default second; waiting longer costs only a failing test's time.
    expect: { poll: { timeout: 10_000 } },
  },
});
