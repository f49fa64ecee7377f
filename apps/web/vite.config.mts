import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';
// Every top-level path the API answers; the dev server proxies them so the console talks to a real API.
const apiPaths = [
  'auth',
  'me',
  'labels',
  'zones',
  'programs',
  'calculator',
  'applications',
  'enterprises',
  'facts',
  'declared-facts',
  'fund-pools',
  'batches',
  'disbursement-batches',
  'bank-statements',
  'clawbacks',
  'auto-grant-sweeps',
  'sandbox-runs',
  'installment-plans',
  'notifications',
  'reports',
  'admin',
  'public',
  'health',
  'docs',
  'docs-json',
];

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  resolve: {
    // Pure, framework-free helpers shared with the API (USCC check character, roles, zones).
    alias: { '@huiqi/common': fileURLToPath(new URL('../../libs/common/src', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((p) => [`/${p}`, { target: apiUrl, changeOrigin: true }])),
  },
});
