// Build of the web console: `npm run build:console` (vite build console) writes console/dist,
// which the API role serves at `/` (api/console.route.ts). Asset names carry a content hash.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The ECharts chunk (line and bar charts, SVG renderer: about 190 kB gzipped) is loaded with the first chart.
    chunkSizeWarningLimit: 600,
    // ECharts is the one large dependency: its own chunk, cached apart from the console's code.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ }] } } },
  },
});
