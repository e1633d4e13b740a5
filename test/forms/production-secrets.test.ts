// Production refuses development secrets (issue 13, section 1): with NODE_ENV=production the API, the worker and
// `npm start` do not start while a secret is missing, too short or a documented development default, and say which
// variable it is. So a "payment succeeded" callback signed with the documented default secret has no API to reach.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { stack } from '../setup';
import { loadConfig } from '../../forms/config';
import { ENVIRONMENT, ProductionSecretError, productionSecretProblems } from '../../forms/environment';
import bankLinkOptions from '../../activities/adapters/bank-link/options.schema.json';
import { DEV_SECRET } from '../../simulators/payment-initiation/server';

const ROOT = path.resolve(__dirname, '../..');
const GOOD = {
  NODE_ENV: 'production',
  PAYMENT_INITIATION_SECRET: crypto.randomBytes(24).toString('base64url'),
  DATABASE_URL: `postgres://sdp_app:${crypto.randomBytes(18).toString('base64url')}@db.internal:5432/sdp`,
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  PUBLIC_URL: 'https://portal.gov.lv',
  DOCUMENT_SEAL_DIR: '/etc/sdp/seals',
  SMTP_HOST: 'smtp.vraa.gov.lv',
  MAIL_FROM: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
  SMPP_HOST: 'smsc.vraa.gov.lv',
  SMPP_PASSWORD: 'Qz7#pL2x',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript entry point as its own process; resolves with its exit code and output. */
function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a process that started anyway fails the test
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production secrets', function () {
  this.timeout(120_000);

  it('the documented development secret is the one the inventory knows', () => {
    expect(ENVIRONMENT.PAYMENT_INITIATION_SECRET['x-secret']?.devDefaults).to.include(DEV_SECRET);
    expect(ENVIRONMENT.PAYMENT_INITIATION_SECRET['x-secret']?.devDefaults).to.include(bankLinkOptions.properties.secret.default);
  });

  it('loadConfig refuses a missing, short or development secret in production, naming the variable', () => {
    expect(() => loadConfig(GOOD)).not.to.throw();
    const refused = (env: NodeJS.ProcessEnv, variable: string, problem: RegExp) => {
      expect(() => loadConfig(env)).to.throw(ProductionSecretError, new RegExp(`${variable} ${problem.source}`));
    };
    refused({ ...GOOD, PAYMENT_INITIATION_SECRET: DEV_SECRET }, 'PAYMENT_INITIATION_SECRET', /is a documented development default/);
    refused({ ...GOOD, PAYMENT_INITIATION_SECRET: undefined }, 'PAYMENT_INITIATION_SECRET', /is missing/);
    refused({ ...GOOD, PAYMENT_INITIATION_SECRET: 'short-secret' }, 'PAYMENT_INITIATION_SECRET', /is too short/);
    refused(
      { ...GOOD, DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5439/sdp' },
      'DATABASE_URL',
      /has a password that is a documented development default/,
    );
    refused({ ...GOOD, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sdp' }, 'DATABASE_URL', /has no password/);
    refused({ ...GOOD, REDIS_URL: 'redis://:abc@redis:6379' }, 'REDIS_URL', /has a password that is too short/);
    // Every problem at once, so an operator fixes them in one go.
    expect(productionSecretProblems({ NODE_ENV: 'production' }).map((p) => p.variable)).to.include.members([
      'PAYMENT_INITIATION_SECRET',
      'DATABASE_URL',
    ]);
    // Development and tests keep their defaults.
    expect(productionSecretProblems({ NODE_ENV: 'development', PAYMENT_INITIATION_SECRET: DEV_SECRET })).to.deep.equal([]);
  });

  it('a production API with the documented secret does not start, so a forged "payment succeeded" callback finds nothing', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      ...GOOD,
      PAYMENT_INITIATION_SECRET: DEV_SECRET,
      DATABASE_URL: withPassword(stack.databaseUrl),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: stack.dataDir,
      TEMPORAL_ADDRESS: stack.temporal.address,
      LOG_LEVEL: 'error',
    };
    const api = await run('api/platform/server.ts', env);
    expect(api.code, api.output).to.not.equal(0);
    expect(api.output).to.match(/PAYMENT_INITIATION_SECRET is a documented development default/);
    // The attack of the report: a callback signed with the documented default secret. No process answers it.
    const body = JSON.stringify({
      merchantId: 'sdp-gov-lv',
      bankPaymentId: crypto.randomUUID(),
      status: 'succeeded',
      amount: 36.05,
      currency: 'EUR',
      sequence: 1,
    });
    const signature = `sha256=${crypto.createHmac('sha256', DEV_SECRET).update(body).digest('hex')}`;
    const forged = await fetch(`http://127.0.0.1:${port}/api/v1/payment-callbacks/bank-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body,
    }).then(
      (r) => r.status,
      (e: Error) => e.name,
    );
    expect(forged).to.equal('TypeError'); // fetch failed: connection refused
  });

  it('a production worker and `npm start` refuse too, before starting anything', async () => {
    const worker = await run('activities/worker.ts', {
      ...process.env,
      ...GOOD,
      PAYMENT_INITIATION_SECRET: undefined,
      TEMPORAL_ADDRESS: stack.temporal.address,
      LOG_LEVEL: 'error',
    });
    expect(worker.code, worker.output).to.not.equal(0);
    expect(worker.output).to.match(/PAYMENT_INITIATION_SECRET is missing/);

    // Secrets right but the seals not: the worker stops before it connects to anything, naming the problem.
    const sealDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-seals-'));
    try {
      const noSeals = await run('activities/worker.ts', { ...process.env, ...GOOD, DOCUMENT_SEAL_DIR: sealDir, LOG_LEVEL: 'error' });
      expect(noSeals.code, noSeals.output).to.not.equal(0);
      expect(noSeals.output).to.match(/DOCUMENT_SEAL_DIR .* holds no <agency id>\.pem seal/);
      const unset = await run('activities/worker.ts', { ...process.env, ...GOOD, DOCUMENT_SEAL_DIR: undefined, LOG_LEVEL: 'error' });
      expect(unset.code, unset.output).to.not.equal(0);
      expect(unset.output).to.match(/Refusing to start in production: DOCUMENT_SEAL_DIR is not set/);
    } finally {
      fs.rmSync(sealDir, { recursive: true, force: true });
    }

    const start = await run('scripts/start.ts', {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: undefined,
      PAYMENT_INITIATION_SECRET: DEV_SECRET,
    });
    expect(start.code, start.output).to.equal(1);
    expect(start.output).to.match(/PAYMENT_INITIATION_SECRET is a documented development default/);
    expect(start.output).to.match(/DATABASE_URL is missing/);
    expect(start.output).not.to.match(/PostgreSQL:|Temporal:|Simulators:/);
  });
});

/** The test database URL with a strong password added (the test server trusts local connections anyway). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = crypto.randomBytes(18).toString('base64url');
  return u.toString();
}
