// Every environment variable the platform or `npm start` reads is declared in forms/config.schema.json
// ("x-environment") and documented in the README (issue 13, section 7). Found by reading the source, so a new
// `process.env.X` without its declaration fails here.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ENVIRONMENT, defaultsInUse, describeDefaults } from '../../forms/environment';
import { ConfigError, loadConfig } from '../../forms/config';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['api', 'activities', 'db', 'scripts', 'simulators', 'workflows'];
const NOT_PLATFORM = [path.join('scripts', 'bench'), path.join('scripts', 'eval')]; // benchmarks and evaluations are tools with their own BENCH_* knobs
const OPERATING_SYSTEM = new Set(['PATH', 'PYTHONPATH']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (NOT_PLATFORM.some((n) => full === path.join(ROOT, n))) return [];
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** `env.NAME`, `env['NAME']` and `env[`PREFIX_${x}_NAME`]` (the latter as a glob: PREFIX_*_NAME). */
function environmentReads(): Array<{ name: string; where: string }> {
  const reads: Array<{ name: string; where: string }> = [];
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(ROOT, file);
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) reads.push({ name: m[1], where });
    for (const m of text.matchAll(/\benv\[\s*(['"`])([^'"`]+)\1\s*\]/g)) reads.push({ name: m[2].replace(/\$\{[^}]+\}/g, '*'), where });
  }
  return reads;
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/<[^>]+>/g, '*')
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[A-Z0-9_]+')}$`,
  );

describe('configuration: every environment variable is declared and documented', () => {
  const declared = Object.keys(ENVIRONMENT);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('finds the reads in the source (the scan works)', () => {
    const names = environmentReads().map((r) => r.name);
    expect(names).to.include.members(['DATABASE_URL', 'SIMULATORS_BASE_PORT', 'LOCAL_POSTGRES_URL', 'PAYMENT_INITIATION_SECRET', '*_URL']);
  });

  it('each variable read by the platform or npm start is in forms/config.schema.json', () => {
    const missing = environmentReads().filter(
      ({ name }) => !OPERATING_SYSTEM.has(name) && !declared.some((d) => d === name || glob(name).test(d) || glob(d).test(name)),
    );
    expect(missing, 'read but not declared in x-environment').to.deep.equal([]);
  });

  it('each declared variable is in the README', () => {
    expect(
      declared.filter((name) => !readme.includes(name)),
      'declared but not in the README',
    ).to.deep.equal([]);
  });

  it('nothing reads the undocumented PUBLIC_BASE_URL: the worker reads PUBLIC_URL like the API', () => {
    expect(environmentReads().filter((r) => r.name === 'PUBLIC_BASE_URL')).to.deep.equal([]);
  });

  it('says which defaults a process falls back to, without printing a secret', () => {
    const used = defaultsInUse({ PORT: '3100' }).map((d) => d.variable);
    expect(used).to.include.members(['TEMPORAL_ADDRESS', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'SIMULATORS_BASE_PORT', 'DATA_DIR']);
    expect(used).not.to.include('PORT');
    const line = describeDefaults({});
    expect(line).to.include('TEMPORAL_PORT=7233').and.include('PAYMENT_INITIATION_SECRET=<development secret>');
    expect(line).not.to.include(String(ENVIRONMENT.PAYMENT_INITIATION_SECRET.default));
  });
});

describe('configuration: browser sessions', () => {
  const PRODUCTION = {
    NODE_ENV: 'production',
    PAYMENT_INITIATION_SECRET: 'p'.repeat(32),
    DATABASE_URL: 'postgres://sdp_app:a-long-enough-password@db.internal:5432/sdp',
    DOCUMENT_SEAL_DIR: '/etc/sdp/seals',
    SMTP_HOST: 'smtp.vraa.gov.lv',
    MAIL_FROM: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
    SMPP_HOST: 'smsc.vraa.gov.lv',
    SMPP_PASSWORD: 'Qz7#pL2x',
  };

  it('reads the idle timeout and the absolute lifetime, with defaults of 15 minutes and 8 hours', () => {
    const DEV = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sdp' };
    expect(loadConfig(DEV).sessions).to.deep.equal({ idleMinutes: 15, maxHours: 8 });
    expect(loadConfig({ ...DEV, SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '2' }).sessions).to.deep.equal({
      idleMinutes: 5,
      maxHours: 2,
    });
    expect(() => loadConfig({ ...DEV, SESSION_IDLE_MINUTES: '0' })).to.throw(ConfigError, /sessions\/idleMinutes/);
  });

  it('refuses to run production behind plain http (the session cookie must be Secure)', () => {
    expect(() => loadConfig({ ...PRODUCTION, PUBLIC_URL: 'http://portal.gov.lv' })).to.throw(ConfigError, /PUBLIC_URL must be an https/);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://portal.gov.lv' }).publicUrl).to.equal('https://portal.gov.lv');
  });
});

describe("configuration: the agencies' electronic seals (issue 17)", () => {
  const PRODUCTION = {
    NODE_ENV: 'production',
    PAYMENT_INITIATION_SECRET: 'p'.repeat(32),
    DATABASE_URL: 'postgres://sdp_app:a-long-enough-password@db.internal:5432/sdp',
    PUBLIC_URL: 'https://portal.gov.lv',
    SMTP_HOST: 'smtp.vraa.gov.lv',
    MAIL_FROM: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
    SMPP_HOST: 'smsc.vraa.gov.lv',
    SMPP_PASSWORD: 'Qz7#pL2x',
  };

  it('production refuses to start without DOCUMENT_SEAL_DIR: it never seals with the generated demo CA', () => {
    expect(() => loadConfig(PRODUCTION)).to.throw(ConfigError, /Refusing to start in production: DOCUMENT_SEAL_DIR is not set/);
    expect(() => loadConfig({ ...PRODUCTION, DOCUMENT_SEAL_DIR: '' })).to.throw(ConfigError, /DOCUMENT_SEAL_DIR/);
    expect(loadConfig({ ...PRODUCTION, DOCUMENT_SEAL_DIR: '/etc/sdp/seals' }).documentSeals).to.deep.equal({ directory: '/etc/sdp/seals' });
  });

  it('elsewhere the directory is optional (unset: the demo seal CA under DATA_DIR) and resolved when given', () => {
    const DEV = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sdp' };
    expect(loadConfig(DEV).documentSeals).to.equal(undefined);
    expect(loadConfig({ ...DEV, DOCUMENT_SEAL_DIR: 'seals' }).documentSeals).to.deep.equal({ directory: path.resolve('seals') });
    expect(ENVIRONMENT.DOCUMENT_SEAL_DIR.default).to.equal(null);
  });
});

describe('configuration: outgoing e-mail and SMS (issue 18)', () => {
  const PRODUCTION = {
    NODE_ENV: 'production',
    PAYMENT_INITIATION_SECRET: 'p'.repeat(32),
    DATABASE_URL: 'postgres://sdp_app:a-long-enough-password@db.internal:5432/sdp',
    PUBLIC_URL: 'https://portal.gov.lv',
    DOCUMENT_SEAL_DIR: '/etc/sdp/seals',
    SMTP_HOST: 'smtp.vraa.gov.lv',
    MAIL_FROM: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
    SMPP_HOST: 'smsc.vraa.gov.lv',
    SMPP_PASSWORD: 'Qz7#pL2x',
  };

  it('defaults to the simulators outside production', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sdp' });
    expect(config.messaging.mail).to.include({ host: '127.0.0.1', port: 2525 });
    expect(config.messaging.sms).to.include({ host: '127.0.0.1', port: 2775, systemId: 'sdp' });
  });

  it('production refuses the development mail server, sender and SMS centre, and the development SMPP password', () => {
    expect(loadConfig(PRODUCTION).messaging.mail).to.include({ host: 'smtp.vraa.gov.lv', port: 2525 });
    expect(() => loadConfig({ ...PRODUCTION, SMTP_HOST: '' })).to.throw(ConfigError, /SMTP_HOST/);
    expect(() => loadConfig({ ...PRODUCTION, SMTP_HOST: '127.0.0.1' })).to.throw(ConfigError, /SMTP_HOST/);
    expect(() => loadConfig({ ...PRODUCTION, MAIL_FROM: ENVIRONMENT.MAIL_FROM.default ?? '' })).to.throw(ConfigError, /MAIL_FROM/);
    expect(() => loadConfig({ ...PRODUCTION, SMPP_HOST: 'localhost' })).to.throw(ConfigError, /SMPP_HOST/);
    expect(() => loadConfig({ ...PRODUCTION, SMPP_PASSWORD: 'dev-smpp' })).to.throw(/SMPP_PASSWORD is a documented development default/);
  });
});
