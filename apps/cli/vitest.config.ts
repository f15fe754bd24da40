import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'cli', testTimeout: 20000 } });
