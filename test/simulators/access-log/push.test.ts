// A register's access-log push (simulators/access-log/push.ts) against a stand-in platform: it gets a client-
// credentials token with a private_key_jwt assertion signed by its key, sends its unsent records, sends them again
// after a failure (the platform down, a 503) and never after they were taken; a batch refused as invalid (422) is
// set aside rather than sent for ever.
import http from 'node:http';
import { expect } from 'chai';
import express from 'express';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { AccessLog, type AccessLogRecord } from '../../../simulators/access-log/log';
import { startAccessLogPush } from '../../../simulators/access-log/push';
import { registerPushClients } from '../../../simulators/access-log/clients';
import { populationRegisterAccessLog } from '../../../simulators/population-register/access-log';

interface Platform {
  url: string;
  batches: Array<{ register: string; records: AccessLogRecord[] }>;
  /** Answers for the next pushes, in order; then 200. */
  answers: number[];
  assertions: string[];
  close(): Promise<void>;
}

async function standInPlatform(): Promise<Platform> {
  const app = express();
  const platform = { batches: [], answers: [], assertions: [] } as unknown as Platform;
  app.post('/oidc/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string>;
    platform.assertions.push(body.client_assertion);
    res.json({ access_token: 'token-1', token_type: 'Bearer', expires_in: 600, scope: body.scope });
  });
  app.post('/api/v1/registers/access-logs', express.json(), (req, res) => {
    const status = platform.answers.shift() ?? 200;
    if (req.headers.authorization !== 'Bearer token-1') {
      res.status(401).end();
      return;
    }
    if (status !== 200) {
      res.status(status).json({ error: { code: 'x', message: 'refused', details: [] } });
      return;
    }
    platform.batches.push(req.body);
    res.json({ received: req.body.records.length, stored: req.body.records.length, duplicates: 0 });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  platform.url = `http://127.0.0.1:${port}`;
  platform.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return platform;
}

const record = (recordId: string): AccessLogRecord => ({
  recordId,
  at: new Date().toISOString(),
  subject: '15038511239',
  agency: { code: '90000069281', name: { lv: 'Valsts ieņēmumu dienests', en: 'State Revenue Service' } },
  role: { lv: 'Nodokļu inspektors', en: 'Tax inspector' },
  data: { lv: 'Personas dati', en: 'Personal data' },
  purpose: { code: 'tax-administration', lv: 'Nodokļu administrēšana', en: 'Tax administration' },
  legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
});

describe('simulators/access-log: a register pushes its access log to the platform', () => {
  let platform: Platform;
  let client: Awaited<ReturnType<typeof registerPushClients>>['populationRegister'];

  beforeEach(async () => {
    client = (await registerPushClients()).populationRegister;
    platform = await standInPlatform();
  });
  afterEach(async () => {
    await platform.close();
  });

  const pusher = (log: AccessLog) =>
    startAccessLogPush(log, {
      issuer: `${platform.url}/oidc`,
      apiUrl: platform.url,
      clientId: client.clientId,
      privateJwk: client.privateJwk,
      intervalMs: 3_600_000, // rounds are run by the test (pushNow)
    });

  it('signs in with its own key and sends the seeded and new records once', async () => {
    const log = populationRegisterAccessLog();
    const push = pusher(log);
    try {
      await push.pushNow();
      expect(platform.batches).to.have.length(1);
      expect(platform.batches[0].register).to.equal('population-register');
      expect(platform.batches[0].records.map((r) => r.recordId)).to.include.members(['pmlp-seed-srs-1', 'pmlp-seed-notary-1']);
      const [assertion] = platform.assertions;
      const { payload } = await jwtVerify(assertion, createLocalJWKSet(client.registration.jwks as never), {
        audience: `${platform.url}/oidc/token`,
      });
      expect(payload).to.include({ iss: client.clientId, sub: client.clientId });
      await push.pushNow();
      expect(platform.batches, 'nothing new: nothing sent').to.have.length(1);
      log.add(record('new-1'));
      await push.pushNow();
      expect(platform.batches[1].records.map((r) => r.recordId)).to.deep.equal(['new-1']);
    } finally {
      push.stop();
    }
  });

  it('sends again after a failure, and sets aside a batch the platform refuses as invalid', async () => {
    const log = new AccessLog('test-register', [record('a'), record('b')]);
    const push = pusher(log);
    try {
      platform.answers.push(503);
      await push.pushNow();
      expect(platform.batches).to.have.length(0);
      expect(log.unsent(10).map((r) => r.recordId)).to.deep.equal(['a', 'b']);
      await push.pushNow();
      expect(platform.batches.map((b) => b.records.map((r) => r.recordId))).to.deep.equal([['a', 'b']]);
      log.add(record('bad'));
      platform.answers.push(422);
      await push.pushNow();
      expect(log.unsent(10)).to.deep.equal([]);
      expect(platform.batches).to.have.length(1);
    } finally {
      push.stop();
    }
  });
});
