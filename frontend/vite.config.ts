/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:8000';
const proxy = Object.fromEntries(
  ['/api', '/healthz', '/readyz'].map((path) => [path, { target: apiTarget, changeOrigin: false }]),
);

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
  build: {
    outDir: 'dist',
    // src/app/firstLoad.test.ts follows the chunk graph of the first pages in it.
    manifest: true,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vendor code changes less often than ours: separate chunks keep the browser cache warm.
        codeSplitting: {
          // React first (highest priority), then the router: a group takes its modules' dependencies along, so
          // without it echarts-for-react and antd would pull React into their chunks, and the
          // public rating page, which needs React only, would have to load them. Ant Design has no
          // group of its own: split by use, the login page loads its form and button, not the table
          // and date picker of later routes (src/app/firstLoad.test.ts holds the first load to 400 KB).
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
            { name: 'router', test: /node_modules[\\/](react-router|@tanstack)[\\/]/, priority: 30 },
            { name: 'charts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)/, priority: 20 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // antd forms typed into by userEvent take seconds each when the test files run in parallel.
    testTimeout: 20_000,
  },
});
