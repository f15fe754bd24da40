import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// In development the page talks to a server started with `pnpm --filter @vnetlab/server start`
// (default port 8080); the built page is served by that server itself.
const target = process.env.VNETLAB_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [solid()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': { target },
      '/sync': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
});
