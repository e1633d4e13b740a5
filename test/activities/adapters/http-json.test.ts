// How the shared HTTP client maps what a system answers to the contract's errors, against a tiny real HTTP server
// that answers whatever each test asks for and records the headers it received.
import http from 'node:http';
import { expect } from 'chai';
import { HttpJsonClient } from '../../../activities/adapters/http-json';
import { SystemRejectedError, SystemUnavailableError } from '../../../activities/adapters/contracts/common';

type Answer = (res: http.ServerResponse) => void;

describe('activities/adapters/http-json', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: Answer = (res) => res.end();
  let received: http.IncomingHttpHeaders = {};

  before(async () => {
    server = http.createServer((req, res) => {
      received = req.headers;
      answer(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json =
    (status: number, body: unknown): Answer =>
    (res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
  const client = (timeoutMs = 30_000) => new HttpJsonClient('test-system', { baseUrl, timeoutMs });
  const ctx = { idempotencyKey: 'application:LV-1/step:prefill', requestId: 'req-42' };
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: unknown) => err as Error,
    );

  it('sends the idempotency key and request id, below the base URL path', async () => {
    answer = json(200, { ok: true });
    expect(await client().get('things/1', ctx)).to.deep.equal({ ok: true });
    expect(received['idempotency-key']).to.equal(ctx.idempotencyKey);
    expect(received['x-request-id']).to.equal('req-42');
  });

  it('percent-encodes a key that is not ASCII, so it stays deterministic', async () => {
    answer = json(200, {});
    await client().get('x', { idempotencyKey: 'pieteikums:ā' });
    expect(received['idempotency-key']).to.equal('pieteikums:%C4%81');
  });

  for (const status of [500, 502, 503, 408, 429]) {
    it(`treats ${status} as unavailable (retryable)`, async () => {
      answer = json(status, { error: { code: 'x', message: 'busy' } });
      const err = await failure(client().get('x', ctx));
      expect(err).to.be.instanceOf(SystemUnavailableError);
      expect(err.message).to.equal(`test-system: GET x answered ${status}: busy`);
    });
  }

  it('treats a gateway HTML error page as unavailable', async () => {
    answer = (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    expect(await failure(client().get('x', ctx))).to.be.instanceOf(SystemUnavailableError);
  });

  it('treats a 2xx answer that is not JSON as unavailable', async () => {
    answer = (res) => res.writeHead(200).end('not json');
    expect(await failure(client().get('x', ctx))).to.be.instanceOf(SystemUnavailableError);
  });

  it('treats 400, 403, 422 and a 404 where something must exist as rejected (not retryable)', async () => {
    for (const status of [400, 403, 422, 404]) {
      answer = json(status, { error: { code: 'bad', message: 'no such thing' } });
      const err = await failure(client().post('x', { a: 1 }, ctx));
      expect(err, String(status)).to.be.instanceOf(SystemRejectedError);
      expect((err as SystemRejectedError).status).to.equal(status);
    }
  });

  it('answers null for 404 where the contract allows null', async () => {
    answer = json(404, { error: { code: 'not_found', message: 'none' } });
    expect(await client().getOrNull('x', ctx)).to.equal(null);
  });

  it('gives up after the timeout, also when the body stalls after the headers', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    };
    const err = await failure(client(200).get('x', ctx));
    expect(err).to.be.instanceOf(SystemUnavailableError);
    expect(err.message).to.match(/no answer within 200 ms/);
  });
});
