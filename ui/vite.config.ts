// Vite build of the web UI (citizen portal and officer console). `npm run build:ui` writes ui/dist, which the API
// process serves at `/` (api/platform/web-ui.ts). In development, `npx vite --config ui/vite.config.ts` proxies the
// API on :3000.
//
// For a first load on a slow phone network: every page is its own chunk (ui/src/app/pages.ts), no source maps are
// published, and each asset is compressed once here, beside itself (`.br` at brotli's best, `.gz` at gzip's best),
// so the server only chooses a file. index.html draws a static shell before any JavaScript runs.
//
// SDP_UI_BUILD=baseline builds the UI the way it was before (one bundle, no compressed copies, no static shell), for
// `npm run bench:ui` to measure beside; SDP_UI_OUT_DIR writes elsewhere than ui/dist.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(new URL(import.meta.url).pathname);
const baseline = process.env.SDP_UI_BUILD === 'baseline';
const outDir = process.env.SDP_UI_OUT_DIR ? path.resolve(process.env.SDP_UI_OUT_DIR) : path.join(root, 'dist');

/** Files worth compressing (text), and the size below which a compressed copy is not worth a file. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

/** Writes `<file>.br` and `<file>.gz` beside every compressible asset of the bundle, when smaller than the file. */
function precompress(): Plugin {
  return {
    name: 'sdp-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName) || fileName === 'index.html') continue;
        const file = path.join(dir, fileName);
        const body = fs.readFileSync(file);
        if (body.length < MIN_BYTES) continue;
        const br = zlib.brotliCompressSync(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
        const gz = zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION });
        if (br.length < body.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < body.length) fs.writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/** The baseline's index.html: the static shell (between its markers) taken out, as the page was before. */
function withoutShell(): Plugin {
  return {
    name: 'sdp-baseline-without-shell',
    transformIndexHtml: (html) => html.replace(/<!-- shell -->[\s\S]*?<!-- \/shell -->/g, ''),
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: baseline ? [react(), withoutShell()] : [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // The largest chunk is the form renderer with its validator (about 400 kB, 130 kB compressed), on form pages only.
    chunkSizeWarningLimit: baseline ? 1500 : 500,
    rolldownOptions: {
      // The compression at brotli's best quality takes seconds on purpose (once per build): not worth a warning.
      checks: { bundlerTimings: false },
      output: baseline ? { codeSplitting: false } : undefined,
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
