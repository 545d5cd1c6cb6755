// Vite build of the browser pages: two HTML entries so the respondent page (/s/:slug) never loads
// code the staff pages (/app/*) will add. Output goes to client/dist, which the server serves.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  // Absolute asset URLs: the pages are served from nested paths (/s/<slug>, /app/…).
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(root, 'dist'),
    emptyOutDir: true,
    // Phones on weak connections: modern syntax is fine (Chrome/Safari of the last years), smaller code.
    target: 'es2022',
    // survey-core alone is over 1 MB minified; the warning would fire on every build for a known cost.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        respondent: path.resolve(root, 'respondent.html'),
        app: path.resolve(root, 'app.html'),
      },
      // The timing report fires whenever the 2 shared cores are busy; it is noise in `--logLevel warn`.
      checks: { bundlerTimings: false },
      output: {
        // Name the React chunk both pages share, so the bundle report reads plainly.
        codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] },
      },
    },
  },
});

// Brotli quality 10: ~279 kB for survey-core's chunk in ~5 s. Quality 11 saves 2 % more but adds 10 s to
// every build (npm start builds too); quality 9 costs 8 % more bytes.
const BROTLI_QUALITY = 10;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `x.js.br` and `x.js.gz` next to every built script and stylesheet, so the server can send the
 * respondent page's ~1.8 MB of JavaScript as ~330 kB without compressing on each request. Phones on
 * weak connections are the reason; the server picks the file by Accept-Encoding.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const bytes = await fs.readFile(file);
          const [br, gz] = await Promise.all([
            brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            gzip(bytes, { level: 9 }),
          ]);
          await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}
