// The built web UI (ui/dist, made by `npm run build:ui`): hashed assets under /assets, and index.html for every
// other GET that is not an API or operations path, so deep links (/applications/LV-…) work after a reload.
// Assets are cached for a year as immutable (their names change with their content) and sent compressed: the build
// writes a brotli and a gzip copy beside each (ui/vite.config.ts), and the server picks the one the browser accepts,
// so nothing is compressed per request. index.html is revalidated on every load (no-cache, ETag).
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';

export const UI_DIR = path.resolve(__dirname, '..', '..', 'ui', 'dist');
const NOT_UI = /^\/(api|assets|socket\.io|healthz|readyz|metrics)(\/|$)/;

/**
 * The UI page's Content-Security-Policy: the API's strict policy plus 'unsafe-eval' for scripts. E-service forms
 * are agency-defined JSON Schemas published at run time (no deploy), and the browser validates them with ajv, which
 * compiles each schema with `new Function`; build-time precompilation cannot know those schemas. Only the UI
 * document gets this; inline scripts stay forbidden ('self' only), the API and the docs keep the strict policy,
 * and the server validates again on submit. Removing it means serving server-precompiled validators per version.
 */
export function uiCsp(directives: Record<string, string[] | null>) {
  return helmet.contentSecurityPolicy({ directives: { ...directives, 'script-src': ["'self'", "'unsafe-eval'"] } });
}

export function mountWebUi(app: Express, directives: Record<string, string[] | null>, dir = UI_DIR): void {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', (_req, res) => {
      res.type('html').send(NOT_BUILT_PAGE);
    });
    return;
  }
  const assets = path.join(dir, 'assets');
  app.use('/assets', precompressedAssets(assets));
  app.use('/assets', express.static(assets, { index: false, immutable: true, maxAge: ASSET_MAX_AGE, fallthrough: true }));
  const csp = uiCsp(directives);
  app.get(/^\/.*/, (req, res, next) => {
    if (NOT_UI.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    csp(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  });
}

const ASSET_MAX_AGE = '365d';
/** Content-Encoding → the file suffix the build wrote, in the server's order of preference. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/**
 * Sends the compressed copy of an asset that the request accepts (Accept-Encoding, with its q-values), else passes
 * on to the plain file. Only names listed in the assets folder at start are looked up (a build replaces the whole
 * folder, and the server is restarted with it), so a request path never reaches the file system.
 */
export function precompressedAssets(assetsDir: string): RequestHandler {
  const variants = new Map<string, Set<string>>();
  const files = fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir, { recursive: true, encoding: 'utf8' }) : [];
  const names = new Set(files.map((f) => f.split(path.sep).join('/')));
  for (const name of names) {
    for (const [encoding, suffix] of ENCODINGS) {
      if (name.endsWith(suffix) && names.has(name.slice(0, -suffix.length))) {
        const original = name.slice(0, -suffix.length);
        variants.set(original, (variants.get(original) ?? new Set()).add(encoding));
      }
    }
  }
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const name = req.path.replace(/^\//, '');
    const available = variants.get(name);
    if (!available) {
      next();
      return;
    }
    res.vary('Accept-Encoding'); // also on the plain answer: a shared cache must not give it to a brotli browser
    // The server's order among those the browser accepts at all (browsers list gzip before br, at the same weight).
    const chosen = ENCODINGS.find(([e]) => available.has(e) && req.acceptsEncodings(e) === e);
    if (!chosen) {
      next();
      return;
    }
    res.type(path.extname(name)); // the original's type, not the suffix's
    res.set('Content-Encoding', chosen[0]);
    res.sendFile(path.join(assetsDir, `${name}${chosen[1]}`), { immutable: true, maxAge: ASSET_MAX_AGE }, (err?: Error) => {
      if (err && !res.headersSent) next(err);
    });
  };
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Service delivery platform</title></head>
<body><main><h1>Service delivery platform</h1><p>The web UI is not built: run <code>npm run build:ui</code>.</p>
<p><a href="/api/docs">API documentation (OpenAPI)</a></p></main></body></html>`;
