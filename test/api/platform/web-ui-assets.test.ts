// The built UI's serving, on a small build of its own (no stack): an asset goes out as the brotli or gzip copy the
// build wrote, whichever the browser accepts (brotli first), with its own type, Vary and a year's immutable
// caching; a browser accepting neither gets the plain file; index.html is revalidated on every load (no-cache with
// an ETag, 304 when unchanged) and never cached for long.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { mountWebUi } from '../../../api/platform/web-ui';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (fetch would decode the body and hide Content-Encoding's effect). */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('api/platform/web-ui: compressed, cached assets', () => {
  const script = `console.log(${JSON.stringify('Pakalpojumu portāls '.repeat(200))});\n`;
  let dir: string;
  let server: http.Server;
  let port: number;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-web-ui-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
    const asset = path.join(dir, 'assets', 'index-AbC123.js');
    fs.writeFileSync(asset, script);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
    fs.writeFileSync(path.join(dir, 'assets', 'tiny-Xy9.css'), 'a{color:red}'); // too small to have copies
    const app = express();
    mountWebUi(app, { 'script-src': ["'self'"] }, dir);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, before gzip listed first', async () => {
    const res = await get(port, '/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).to.equal(200);
    expect(res.headers['content-encoding']).to.equal('br');
    expect(res.headers['content-type']).to.match(/^(text|application)\/javascript/);
    expect(res.headers.vary).to.match(/accept-encoding/i);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.body.length).to.be.lessThan(Buffer.byteLength(script) / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).to.equal(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const gz = await get(port, '/assets/index-AbC123.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).to.equal(script);
    const plain = await get(port, '/assets/index-AbC123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.headers.vary).to.match(/accept-encoding/i);
    expect(plain.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(plain.body.toString()).to.equal(script);
    const small = await get(port, '/assets/tiny-Xy9.css', { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).to.equal(undefined);
    expect(small.body.toString()).to.equal('a{color:red}');
  });

  it('does not answer a compressed copy by its own name as if it were the asset, nor leave the folder', async () => {
    const direct = await get(port, '/assets/index-AbC123.js.br', { 'accept-encoding': 'br' });
    expect(direct.headers['content-encoding']).to.equal(undefined);
    for (const sneaky of ['/assets/../index.html', '/assets/%2e%2e/index.html']) {
      const res = await get(port, sneaky, { 'accept-encoding': 'br, gzip' });
      expect(res.headers['content-encoding'], sneaky).to.equal(undefined);
    }
  });

  it('revalidates index.html on every load: no-cache, ETag, 304 when unchanged', async () => {
    const page = await get(port, '/some/deep/link', { accept: 'text/html' });
    expect(page.status).to.equal(200);
    expect(page.headers['cache-control']).to.equal('no-cache');
    const etag = page.headers.etag;
    expect(etag).to.be.a('string');
    const again = await get(port, '/', { accept: 'text/html', 'if-none-match': etag! });
    expect(again.status).to.equal(304);
  });
});
