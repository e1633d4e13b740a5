// EU citizens sign in with eIDAS: the platform as SAML 2.0 service provider of the eIDAS node simulator, driven over
// HTTP with the cookie-keeping browser helper. The whole flow (start → the node's pages → the POSTed SAMLResponse at
// the ACS → a server-side session), the link to a Latvian personal code, and the attacks: a tampered, an unsigned and
// a wrapped assertion, an expired one, a replayed one, another SP's audience, and an SP the node does not know. Each
// refusal lands on /sign-in?error=… (never a 5xx) and is counted in sign_ins_total.
import zlib from 'node:zlib';
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import { stack } from '../../../setup';
import { call, errorOf } from '../../../helpers/http';
import { TestBrowser } from '../../../simulators/browser';
import { ACS_PATH, ANNA_SCHMIDT, postToAcs, responseFromNode } from '../../../helpers/eidas';
import { startApi, type RunningApi } from '../../../../api/platform/server';
import { redisOneTimeStore } from '../../../../api/platform/auth/one-time-store';
import { deploymentKeyPrefix } from '../../../../api/platform/rate-limits';
import { eidasSubject } from '../../../../api/platform/auth/eidas/principal';
import { startEidasNodeSimulator } from '../../../../simulators/eidas-node/server';
import type { RunningSimulator } from '../../../../simulators/app';
import { EIDAS_LINKS } from '../../../../simulators/population-register/data';

const SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';
const HIGH = 'http://eidas.europa.eu/LoA/high';
const MARKUS = EIDAS_LINKS[0];
const ACS = ACS_PATH;

type Session = { signedIn: boolean; principal: Record<string, unknown> };

const withoutSignatures = (xml: string) => xml.replace(/<ds:Signature\b[\s\S]*?<\/ds:Signature>/g, '');

describe('api/platform/auth: eIDAS sign-in (the platform as SAML service provider of the eIDAS node)', () => {
  const api = () => stack.api.url;
  const refusedAs = (reason: string) => `${api()}/sign-in?error=${reason}`;

  async function sessionOf(browser: TestBrowser, apiUrl = api()): Promise<Session> {
    return (await (await browser.request(`${apiUrl}/api/v1/auth/session`)).json()) as Session;
  }

  it('signs an EU citizen in: signed assertion verified, a session with the eIDAS identity, names, LoA and country', async () => {
    const { browser, xml, relayState } = await responseFromNode(api());
    expect(relayState).to.equal('DE');
    const landed = await postToAcs(api(), browser, xml);
    expect(landed.pathname).to.equal('/signed-in');
    expect(landed.searchParams.get('returnTo')).to.equal('/cases');
    const session = await sessionOf(browser);
    expect(session.signedIn).to.equal(true);
    expect(session.principal).to.deep.include({
      sub: eidasSubject(ANNA_SCHMIDT),
      name: 'Anna Schmidt',
      roles: ['citizen'],
      person: { type: 'eidas', id: ANNA_SCHMIDT },
      acr: SUBSTANTIAL,
      authMethod: 'DE',
      dateOfBirth: '1975-01-30',
    });
    expect(session.principal).not.to.have.property('eidasIdentifier');
    const applications = await browser.request(`${api()}/api/v1/me/applications`);
    expect(applications.status, 'the session works on the citizen routes').to.equal(200);
    const audited = await stack.db.pool.query<{ subject_type: string; subject_id: string; details: Record<string, unknown> }>(
      `SELECT subject_type, subject_id, details FROM audit_log WHERE resource = 'auth/eidas' AND actor_id = $1`,
      [eidasSubject(ANNA_SCHMIDT)],
    );
    // Other tests sign her in too (at other levels): this sign-in is one of her audited ones.
    const substantial = audited.rows.filter((r) => r.details.acr === SUBSTANTIAL && r.details.country === 'DE');
    expect(substantial, JSON.stringify(audited.rows)).to.have.length.greaterThan(0);
    expect(substantial[0]).to.deep.include({ subject_type: 'eidas', subject_id: ANNA_SCHMIDT });
    expect(substantial[0].details).to.deep.include({ linked: false });
  });

  it('links an EU citizen the population register knows: the principal is the natural person, the eIDAS id kept', async () => {
    const { browser, xml } = await responseFromNode(api(), { person: MARKUS.eidas_identifier, loa: 'high' });
    expect((await postToAcs(api(), browser, xml)).pathname).to.equal('/signed-in');
    const { principal } = await sessionOf(browser);
    expect(principal).to.deep.include({
      name: 'Markus Müller',
      person: { type: 'natural', id: MARKUS.person_code },
      eidasIdentifier: MARKUS.eidas_identifier,
      acr: HIGH,
      authMethod: 'DE',
    });
  });

  it('refuses an assertion changed after signing (failed)', async () => {
    const { browser, xml } = await responseFromNode(api());
    expect(xml).to.contain('>Schmidt<');
    expect((await postToAcs(api(), browser, xml.replace('>Schmidt<', '>Schmitt<'))).href).to.equal(refusedAs('failed'));
    expect((await sessionOf(browser)).signedIn).to.equal(false);
  });

  it('refuses an unsigned response (failed)', async () => {
    const { browser, xml } = await responseFromNode(api());
    expect((await postToAcs(api(), browser, withoutSignatures(xml))).href).to.equal(refusedAs('failed'));
  });

  it('refuses a wrapped response: an unsigned assertion about someone else, the signed one tucked away (failed)', async () => {
    const { browser, xml } = await responseFromNode(api());
    const signed = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
    const evil = withoutSignatures(signed)
      .replace(/ID="[^"]+"/, 'ID="_evil"')
      .replaceAll(ANNA_SCHMIDT, 'DE/LV/attacker');
    const wrapped = xml
      .replace(/(<samlp:Response\b[\s\S]*?<\/saml:Issuer>)<ds:Signature\b[\s\S]*?<\/ds:Signature>/, '$1')
      .replace(signed, evil)
      .replace(/(<samlp:Response\b[\s\S]*?<\/saml:Issuer>)/, `$1<samlp:Extensions>${signed}</samlp:Extensions>`);
    expect(wrapped.indexOf('ID="_evil"')).to.be.greaterThan(wrapped.indexOf('</samlp:Extensions>'));
    expect((await postToAcs(api(), browser, wrapped)).href).to.equal(refusedAs('failed'));
  });

  it('refuses the same response posted twice (expired), and one for a request it never made', async () => {
    const { browser, xml } = await responseFromNode(api());
    expect((await postToAcs(api(), browser, xml)).pathname).to.equal('/signed-in');
    expect((await postToAcs(api(), new TestBrowser(), xml)).href).to.equal(refusedAs('expired'));
    const other = await responseFromNode(api());
    const strangeRequest = other.xml.replaceAll(/InResponseTo="[^"]+"/g, 'InResponseTo="_0000000000000000000000000000000000000000"');
    expect((await postToAcs(api(), other.browser, strangeRequest)).href).to.equal(refusedAs('expired'));
  });

  it('sends a cancelled sign-in back to the sign-in page (denied), and a form without SAMLResponse (failed)', async () => {
    const { browser, xml } = await responseFromNode(api(), { action: 'cancel' });
    expect((await postToAcs(api(), browser, xml)).href).to.equal(refusedAs('denied'));
    const empty = await new TestBrowser().request(`${api()}${ACS}`, { form: { RelayState: 'x' } });
    expect(empty.status).to.equal(302);
    expect(empty.headers.get('location')).to.equal('/sign-in?error=failed');
  });

  it("asks the node for the e-service's level and refuses a lower answer to a downgraded request (failed)", async () => {
    const inflate = (location: string) =>
      zlib.inflateRawSync(Buffer.from(new URL(location).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    const asked: string[] = [];
    const high = await responseFromNode(api(), { requested: 'high', loa: 'high' }, (location) => {
      asked.push(inflate(location));
      return location;
    });
    expect(asked[0])
      .to.contain('Comparison="minimum"')
      .and.match(new RegExp(`AuthnContextClassRef[^>]*>${HIGH}<`));
    expect((await postToAcs(api(), high.browser, high.xml)).pathname).to.equal('/signed-in');

    // Someone on the way rewrites the request to "low": the node answers low, correctly signed, to our request id.
    const downgraded = await responseFromNode(api(), { requested: 'high', loa: 'low' }, (location) => {
      const url = new URL(location);
      const lowered = inflate(location).replace('LoA/high', 'LoA/low');
      url.searchParams.set('SAMLRequest', zlib.deflateRawSync(Buffer.from(lowered, 'utf8')).toString('base64'));
      return url.href;
    });
    expect(downgraded.xml).to.contain('LoA/low');
    expect((await postToAcs(api(), downgraded.browser, downgraded.xml)).href).to.equal(refusedAs('failed'));
    expect((await sessionOf(downgraded.browser)).signedIn).to.equal(false);
  });

  it('refuses a start without a known EU country or with a returnTo off the site (400)', async () => {
    for (const query of ['', '?country=LV', '?country=XX', '?country=DE&returnTo=https%3A%2F%2Fevil.example%2F']) {
      const res = await call('GET', `/api/v1/auth/eidas/start${query}`);
      expect(res.status, query).to.equal(400);
      expect(errorOf(res).code, query).to.equal('validation_failed');
    }
  });

  it('publishes its SP metadata: entityID and the ACS with the HTTP-POST binding', async () => {
    const res = await fetch(`${api()}/api/v1/auth/eidas/metadata`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/samlmetadata\+xml/);
    const xml = await res.text();
    expect(xml).to.contain(`entityID="${stack.config.publicUrl}/api/v1/auth/eidas/metadata"`);
    expect(xml).to.match(/AssertionConsumerService[^>]+Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/);
    expect(xml).to.contain(`Location="${stack.config.publicUrl}${ACS}"`);
  });

  it('with the node out of reach, answers an API call 503 in the one error shape and a browser the sign-in page', async () => {
    const unreachable = await startApi(
      { ...stack.config, eidas: { ...stack.config.eidas!, nodeMetadataUrl: 'http://127.0.0.1:9/metadata' } },
      { db: stack.appDb, adapters: stack.adapters },
    );
    try {
      const asApi = await fetch(`${unreachable.url}/api/v1/auth/eidas/start?country=DE`, { redirect: 'manual' });
      expect(asApi.status).to.equal(503);
      expect(asApi.headers.get('retry-after')).to.equal('30');
      expect(((await asApi.json()) as { error: { code: string } }).error.code).to.equal('eidas_unavailable');
      const asPage = await fetch(`${unreachable.url}/api/v1/auth/eidas/start?country=DE`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      });
      expect(asPage.status).to.equal(302);
      expect(asPage.headers.get('location')).to.equal('/sign-in?error=unavailable');
    } finally {
      await unreachable.close();
    }
  });

  it('is refused by the node when the platform is not the registered SP', async () => {
    const stranger = await startApi(
      { ...stack.config, eidas: { ...stack.config.eidas!, spEntityId: 'http://stranger.test/metadata' } },
      { db: stack.appDb, adapters: stack.adapters },
    );
    try {
      const browser = new TestBrowser();
      const started = await browser.request(`${stranger.url}/api/v1/auth/eidas/start?country=DE`);
      expect(started.status).to.equal(302);
      const atNode = await browser.request(started.headers.get('location')!);
      expect(atNode.status).to.equal(400);
      expect(await atNode.text())
        .to.contain('role="alert"')
        .and.contain('Unregistered service provider');
    } finally {
      await stranger.close();
    }
  });

  describe('with a node that serves any SP, and a platform keeping pending requests in Redis', () => {
    let openNode: RunningSimulator;
    let laggingNode: RunningSimulator;
    let platform: RunningApi;
    let late: RunningApi;
    let redis: RedisClientType;
    before(async () => {
      openNode = await startEidasNodeSimulator();
      laggingNode = await startEidasNodeSimulator({ clockOffsetMs: -10 * 60_000 });
      const eidasAt = (node: RunningSimulator) => ({ ...stack.config.eidas!, nodeMetadataUrl: `${node.url}/metadata` });
      const deps = { db: stack.appDb, adapters: stack.adapters };
      platform = await startApi({ ...stack.config, redisUrl: 'redis://127.0.0.1:6379', eidas: eidasAt(openNode) }, deps);
      late = await startApi({ ...stack.config, eidas: eidasAt(laggingNode) }, deps);
      redis = createClient({ url: 'redis://127.0.0.1:6379' });
      await redis.connect();
    });
    after(async () => {
      await Promise.all([platform.close(), late.close(), openNode.close(), laggingNode.close()]);
      await redis.quit();
    });

    it('refuses an assertion about another service provider (wrong audience: failed)', async () => {
      // The platform's own request id, but the AuthnRequest's Issuer changed: the node asserts for that audience.
      const { browser, xml } = await responseFromNode(platform.url, {}, (location) => {
        const url = new URL(location);
        const request = zlib.inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
        const other = request.replace(/(<saml:Issuer[^>]*>)[^<]+/, '$1http://other-sp.test/metadata');
        expect(other).not.to.equal(request);
        url.searchParams.set('SAMLRequest', zlib.deflateRawSync(Buffer.from(other, 'utf8')).toString('base64'));
        return url.href;
      });
      expect(xml).to.contain('<saml:Audience>http://other-sp.test/metadata</saml:Audience>');
      expect((await postToAcs(platform.url, browser, xml)).href).to.equal(`${platform.url}/sign-in?error=failed`);
    });

    it('refuses an expired assertion (a node whose clock is ten minutes behind: expired)', async () => {
      const { browser, xml } = await responseFromNode(late.url);
      expect((await postToAcs(late.url, browser, xml)).href).to.equal(`${late.url}/sign-in?error=expired`);
    });

    it("refuses a replayed assertion by its id even when its request is pending again (PostgreSQL's record)", async () => {
      const { browser, xml } = await responseFromNode(platform.url);
      expect((await postToAcs(platform.url, browser, xml)).pathname).to.equal('/signed-in');
      const assertionId = /<saml:Assertion\b[^>]*\bID="([^"]+)"/.exec(xml)![1];
      const seen = await stack.db.pool.query('SELECT expires_at FROM eidas_assertions_seen WHERE assertion_id = $1', [assertionId]);
      expect(seen.rowCount, 'the accepted assertion is on record').to.equal(1);
      // Put the answered request back, as if the InResponseTo check had been passed: only the assertion record is left.
      const requestId = /InResponseTo="([^"]+)"/.exec(xml)![1];
      const store = redisOneTimeStore(redis, deploymentKeyPrefix(stack.config.databaseUrl));
      await store.put(`eidas:${requestId}`, { requestId, issuedAt: new Date().toISOString(), country: 'DE', returnTo: null }, 60);
      expect((await postToAcs(platform.url, new TestBrowser(), xml)).href).to.equal(`${platform.url}/sign-in?error=expired`);
    });
  });

  it('counts eIDAS sign-ins per country and outcome in /metrics', async () => {
    const text = await (await fetch(`${api()}/metrics`)).text();
    expect(text).to.match(/sign_ins_total\{provider="eidas",method="DE",outcome="success"\} [1-9]/);
    for (const outcome of ['failed', 'expired', 'denied']) {
      expect(text, outcome).to.match(new RegExp(`sign_ins_total\\{provider="eidas",method="unknown",outcome="${outcome}"\\} [1-9]`));
    }
  });
});
