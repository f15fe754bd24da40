import { defineProject } from 'vitest/config';

// Property tests run a hundred labs each: on a loaded 2-core machine that can pass 5 s.
export default defineProject({ test: { name: 'engine', testTimeout: 30_000 } });
