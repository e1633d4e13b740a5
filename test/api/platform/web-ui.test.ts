// The API process serves the built UI: index.html for deep links (with the UI's CSP), hashed assets, and the API's
// own 404 shape for everything under /api.
import { expect } from 'chai';
import { stack } from '../../setup';

describe('api/platform/web-ui', () => {
  it('answers a deep link with the UI page, allowing eval only there', async () => {
    const res = await fetch(`${stack.api.url}/applications/LV-0001000001-67`, { headers: { accept: 'text/html' } });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.contain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self' 'unsafe-eval'");
    expect(csp).to.contain("script-src-attr 'none'");
    const health = await fetch(`${stack.api.url}/healthz`);
    expect(health.headers.get('content-security-policy')).to.contain("script-src 'self';");
  });

  it('serves the hashed assets and keeps 404s of /api and /assets in the error shape', async () => {
    const html = await (await fetch(`${stack.api.url}/`, { headers: { accept: 'text/html' } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).to.be.a('string');
    const asset = await fetch(`${stack.api.url}${script}`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('cache-control')).to.contain('immutable');
    for (const path of ['/api/v1/nothing', '/api', '/assets/missing.js']) {
      const res = await fetch(`${stack.api.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).to.equal(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('route_not_found');
    }
  });
});
