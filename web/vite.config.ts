// The viewer's build, kept apart from vitest.config.ts (the suite's): web/ is the root and the
// output is web/dist, which the server serves at / (server/http/routes/viewer.ts).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  // No public/ folder: every asset is imported, so it is hashed and cached for a year.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB; the page is served from the same machine, not a phone network.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development, beside `npm start` on port 3000.
    proxy: Object.fromEntries(
      ['/api', '/tiles', '/pmtiles', '/ogc', '/style.json'].map((p) => [p, 'http://127.0.0.1:3000']),
    ),
  },
})
