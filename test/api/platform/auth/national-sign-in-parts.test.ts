// The national sign-in's parts without the stack: its configuration, the one-time store and the relying party when
// the provider cannot be reached. The whole flow over HTTP is in national-sign-in.test.ts.
import { expect } from 'chai';
import { loadConfig, ConfigError } from '../../../../forms/config';
import { ProductionSecretError } from '../../../../forms/environment';
import { memoryOneTimeStore } from '../../../../api/platform/auth/one-time-store';
import { createNationalSignIn, NationalSignInError } from '../../../../api/platform/auth/national-sign-in/relying-party';
import { citizenPrincipal } from '../../../../api/platform/auth/national-sign-in/routes';
import { freePort } from '../../../../scripts/lib/free-port';

const BASE = { DATABASE_URL: 'postgres://sdp_app:long-enough-password@db/sdp' };

describe('api/platform/auth: national sign-in parts', () => {
  it('reads the relying-party settings, and refuses an issuer without a client secret', () => {
    expect(loadConfig(BASE).nationalAuth, 'unset: no national sign-in').to.equal(undefined);
    const config = loadConfig({ ...BASE, NATIONAL_AUTH_ISSUER: 'http://127.0.0.1:4106', NATIONAL_AUTH_CLIENT_SECRET: 's3cret' });
    expect(config.nationalAuth).to.deep.equal({ issuer: 'http://127.0.0.1:4106', clientId: 'platform', clientSecret: 's3cret' });
    expect(() => loadConfig({ ...BASE, NATIONAL_AUTH_ISSUER: 'http://127.0.0.1:4106' })).to.throw(
      ConfigError,
      /NATIONAL_AUTH_CLIENT_SECRET/,
    );
  });

  it('refuses the development client secret and a short one in production', () => {
    for (const secret of ['dev-national-auth-secret-change-me', 'short']) {
      expect(() =>
        loadConfig({ ...BASE, NODE_ENV: 'production', NATIONAL_AUTH_CLIENT_SECRET: secret, PAYMENT_INITIATION_SECRET: 'x'.repeat(32) }),
      )
        .to.throw(ProductionSecretError)
        .with.property('message')
        .that.matches(/NATIONAL_AUTH_CLIENT_SECRET/);
    }
  });

  it('gives a stored value once, and nothing after its time to live', async () => {
    let now = 1_000_000;
    const store = memoryOneTimeStore(() => now);
    await store.put('a', { state: 's' }, 60);
    await store.put('b', { state: 't' }, 60);
    expect(await store.take('a')).to.deep.equal({ state: 's' });
    expect(await store.take('a'), 'single use').to.equal(undefined);
    now += 61_000;
    expect(await store.take('b'), 'expired').to.equal(undefined);
  });

  it('reports a provider that cannot be reached as unavailable, and tries discovery again on the next sign-in', async () => {
    const port = await freePort(); // nothing listens there
    const rp = createNationalSignIn({
      issuer: `http://127.0.0.1:${port}`,
      clientId: 'platform',
      clientSecret: 'secret',
      redirectUri: 'http://127.0.0.1/api/v1/auth/national/callback',
      allowHttp: true,
      timeoutSeconds: 1,
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const failure = await rp.begin({}).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).to.be.instanceOf(NationalSignInError).with.property('reason', 'unavailable');
    }
  });

  it('makes the ID token person a citizen principal: person code, name, acr and method', () => {
    expect(
      citizenPrincipal({
        subject: 'abc',
        personalCode: '15038511239',
        givenName: 'Anna',
        familyName: 'Bērziņa',
        acr: 'http://eidas.europa.eu/LoA/high',
        method: 'eparaksts-mobile',
      }),
    ).to.deep.equal({
      sub: 'national:abc',
      name: 'Anna Bērziņa',
      roles: ['citizen'],
      person: { type: 'natural', id: '15038511239' },
      givenName: 'Anna',
      familyName: 'Bērziņa',
      acr: 'http://eidas.europa.eu/LoA/high',
      authMethod: 'eparaksts-mobile',
    });
  });
});
