// Vite build of the browser pages: two HTML entries so the respondent page (/s/:slug) never loads
// code the staff pages (/app/*) will add. Output goes to client/dist, which the server serves.
// The respondent page alone gets a service worker (vite-plugin-pwa/Workbox, see offline() below).
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = import.meta.dirname;

export default defineConfig({
  root,
  // Absolute asset URLs: the pages are served from nested paths (/s/<slug>, /app/…).
  base: '/',
  plugins: [react(), precompress(), ...offline()],
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

/**
 * The respondent page, offline: Workbox precaches respondent.html and exactly the scripts, styles and
 * fonts it loads (never the staff pages' code), serves that respondent.html for any /s/<slug> address
 * without a connection, and updates itself on the next visit after a deploy. The worker handles no API
 * call. The campaign is kept by the page itself (localStorage, storage.ts: it falls back on that copy
 * after 6 s and tells the respondent so, which a worker's NetworkFirst cache would hide from it), and
 * completed responses by the page's outbox (IndexedDB, outbox.ts). The manifest
 * (public/manifest.webmanifest) is linked from respondent.html only: the plugin's own injection would add
 * it to the staff page too.
 */
function offline(): Plugin[] {
  const respondentFiles = new Set<string>();
  const collect: Plugin = {
    name: 'respondent-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      respondentFiles.clear();
      const entry = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.isEntry && file.facadeModuleId?.endsWith('respondent.html'),
      );
      const visit = (fileName: string) => {
        const file = bundle[fileName];
        if (!file || respondentFiles.has(fileName)) return;
        respondentFiles.add(fileName);
        if (file.type === 'asset') {
          // Fonts named by a stylesheet the page loads (woff2 only: every browser that runs this page reads it).
          if (fileName.endsWith('.css')) {
            for (const [, name] of String(file.source).matchAll(/\/(assets\/[\w.-]+\.woff2)/g)) respondentFiles.add(name);
          }
          return;
        }
        [...file.imports, ...file.dynamicImports].forEach(visit);
        const meta = (file as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
        meta?.importedCss.forEach(visit);
        meta?.importedAssets.forEach(visit);
      };
      if (entry) visit(entry.fileName);
    },
  };
  const pwa = VitePWA({
    strategies: 'generateSW',
    injectRegister: null, // src/respondent/pwa.ts registers it, from the respondent page only
    manifest: false,
    includeAssets: ['manifest.webmanifest', 'icons/*'],
    filename: 'sw.js',
    scope: '/',
    workbox: {
      globPatterns: ['respondent.html', 'assets/*.{js,css,woff2}'],
      manifestTransforms: [
        async (entries) => {
          if (!respondentFiles.size) throw new Error('respondent-files: the respondent entry was not found in the bundle');
          const keep = (url: string) => url === 'respondent.html' || respondentFiles.has(url) || !url.startsWith('assets/');
          return { manifest: entries.filter((entry) => keep(entry.url)), warnings: [] };
        },
      ],
      // survey-core's chunk is about 1.5 MB before compression; the default limit (2 MiB) leaves little room.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'respondent.html',
      // Workbox matches pathname + search: /s/<slug>, with or without an invitation's ?t=…
      navigateFallbackAllowlist: [/^\/s\/[^/?]+\/?(\?.*)?$/],
      inlineWorkboxRuntime: true,
      skipWaiting: true,
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      sourcemap: false,
    },
  });
  return [collect, ...pwa];
}
