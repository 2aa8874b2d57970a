import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const webRoot = path.join(import.meta.dirname, 'web');
/** where `npx vite` forwards /api in development (the Fastify server, `npm run dev`) */
const apiTarget = process.env.BELLWETHER_DEV_API ?? 'http://localhost:3000';

/** Vite builds the single-page app in web/ into web/dist, which the Fastify server serves. */
export default defineConfig({
  root: webRoot,
  publicDir: path.join(webRoot, 'public'),
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: false,
        // web/api/*.ts are source modules served at /api/… in development: Vite serves those itself
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // two entries: the internal application and the small public pages (raters, citizens; web/pub/routes.tsx)
      input: { main: path.join(webRoot, 'index.html'), pub: path.join(webRoot, 'pub.html') },
      output: {
        codeSplitting: {
          groups: [
            // higher priority first; a group also captures its dependencies, so react must claim react before
            // echarts-for-react drags it into the echarts chunk (which only the home chart loads)
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|dayjs|stylis|@babel[\\/]runtime)[\\/]/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
