import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The studio is served by `ivr serve` at /studio from dist/studio (npm run build, run by npm ci).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/studio/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/studio', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval: the page runs under a strict Content-Security-Policy.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
