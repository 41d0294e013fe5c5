// Builds the browser UI (src/web) into dist/web, which the API server serves with an SPA fallback.
// Preact's automatic JSX runtime is configured here for Vite's oxc transform, matching tsconfig's
// `jsxImportSource: preact`, so no Preact plugin is needed.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `vite --config vite.config.ts` during development: forward the API to a running `fuwu serve`.
    proxy: { '/api': process.env.FUWU_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
