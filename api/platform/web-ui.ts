// The built web UI (ui/dist, made by `npm run build:ui`): hashed assets under /assets, and index.html for every
// other GET that is not an API or operations path, so deep links (/applications/LV-…) work after a reload.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
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
  app.use('/assets', express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
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

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Service delivery platform</title></head>
<body><main><h1>Service delivery platform</h1><p>The web UI is not built: run <code>npm run build:ui</code>.</p>
<p><a href="/api/docs">API documentation (OpenAPI)</a></p></main></body></html>`;
