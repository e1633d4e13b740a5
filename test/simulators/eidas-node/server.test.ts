// The eIDAS node simulator against @node-saml/node-saml, the SP library the platform uses: a genuine response validates
// and yields the eIDAS attributes and the LoA; tampered, unsigned, wrapped and expired responses are refused.
// (Replay across sign-ins is the platform's to refuse; node-saml's InResponseTo cache refuses a second use here.)
import { expect } from 'chai';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import { startEidasNodeSimulator } from '../../../simulators/eidas-node/server';
import { startPopulationRegisterSimulator } from '../../../simulators/population-register/server';
import { EIDAS_LINKS } from '../../../simulators/population-register/data';
import type { RunningSimulator } from '../../../simulators/app';
import { TestBrowser, formOf } from '../browser';

const SP = 'http://sp.test/saml/metadata';
const ACS = 'http://sp.test/saml/acs';
const NP = 'http://eidas.europa.eu/attributes/naturalperson/';
const MARKUS = EIDAS_LINKS[0];

describe('simulators/eidas-node', () => {
  let node: RunningSimulator;
  let idpCert: string;

  before(async () => {
    node = await startEidasNodeSimulator({ serviceProviders: [{ entityId: SP, assertionConsumerServiceUrls: [ACS] }] });
    const metadata = await (await fetch(`${node.url}/metadata`)).text();
    idpCert = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata)![1];
  });
  after(() => node.close());

  const serviceProvider = (idp: RunningSimulator = node, overrides: Partial<SamlConfig> = {}) =>
    new SAML({
      entryPoint: `${idp.url}/sso`,
      issuer: SP,
      callbackUrl: ACS,
      idpCert,
      idpIssuer: `${idp.url}/metadata`,
      audience: SP,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      acceptedClockSkewMs: 1000,
      identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      authnContext: ['http://eidas.europa.eu/LoA/substantial'],
      racComparison: 'minimum',
      validateInResponseTo: ValidateInResponseTo.always,
      ...overrides,
    });

  /** Sends the SP's AuthnRequest (HTTP-Redirect), picks country, person and level, returns the posted SAMLResponse. */
  async function signIn(sp: SAML, choice = { country: 'DE', person: MARKUS.eidas_identifier, loa: 'high' }) {
    const browser = new TestBrowser();
    const start = await browser.follow(await sp.getAuthorizeUrlAsync('relay-1', undefined, {}), ACS);
    const countryHtml = await start.response!.text();
    expect(countryHtml)
      .to.match(/<html lang="lv">/)
      .and.match(/<label for="country">/);
    const countryForm = formOf(countryHtml, start.url);
    const personPage = await browser.request(`${countryForm.action}?country=${choice.country}`);
    const personForm = formOf(await personPage.text(), personPage.url);
    const posted = await browser.request(personForm.action, {
      form: { ...personForm.fields, person: choice.person, loa: choice.loa, action: 'sign-in' },
    });
    expect(posted.status).to.equal(200);
    const back = formOf(await posted.text(), personForm.action);
    expect(back.action).to.equal(ACS);
    expect(back.fields.RelayState).to.equal('relay-1');
    return Buffer.from(back.fields.SAMLResponse, 'base64').toString('utf8');
  }

  const validate = (sp: SAML, xml: string) => sp.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
  const refusal = (sp: SAML, xml: string) =>
    validate(sp, xml).then(
      () => null,
      (err: Error) => err.message,
    );

  it('publishes IdP metadata: entityID, signing certificate, SSO endpoint in both bindings', async () => {
    const metadata = await (await fetch(`${node.url}/metadata`)).text();
    expect(metadata).to.contain(`entityID="${node.url}/metadata"`).and.contain('<md:KeyDescriptor use="signing">');
    expect(metadata).to.contain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${node.url}/sso"`);
    expect(metadata).to.contain(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${node.url}/sso"`);
  });

  it('answers with a signed response that validates and carries the eIDAS attributes and the LoA', async () => {
    const sp = serviceProvider();
    const xml = await signIn(sp);
    const { profile } = await validate(sp, xml);
    expect(profile!.issuer).to.equal(`${node.url}/metadata`);
    expect(profile!.nameID).to.equal(MARKUS.eidas_identifier);
    expect(profile!.attributes).to.deep.equal({
      [`${NP}PersonIdentifier`]: MARKUS.eidas_identifier,
      [`${NP}CurrentFamilyName`]: 'Müller',
      [`${NP}CurrentGivenName`]: 'Markus',
      [`${NP}DateOfBirth`]: '1982-06-14',
    });
    expect(profile!.getAssertionXml!()).to.contain(
      '<saml:AuthnContextClassRef>http://eidas.europa.eu/LoA/high</saml:AuthnContextClassRef>',
    );
    expect(xml).to.match(
      /<saml:SubjectConfirmationData InResponseTo="[^"]+" NotOnOrAfter="[^"]+" Recipient="http:\/\/sp.test\/saml\/acs"\/>/,
    );
  });

  it('takes the AuthnRequest by the HTTP-POST binding too', async () => {
    const sp = serviceProvider(node, { authnRequestBinding: 'HTTP-POST' });
    const browser = new TestBrowser();
    const spForm = formOf(await sp.getAuthorizeFormAsync('relay-post'), ACS);
    expect(spForm.action).to.equal(`${node.url}/sso`);
    const received = await browser.request(spForm.action, { form: spForm.fields });
    expect(received.status).to.equal(303);
    const page = await browser.follow(new URL(received.headers.get('location')!, spForm.action), ACS);
    const personPage = await browser.request(`${formOf(await page.response!.text(), page.url).action}?country=LT`);
    const form = formOf(await personPage.text(), personPage.url);
    const posted = await browser.request(form.action, { form: { ...form.fields, action: 'sign-in' } });
    const back = formOf(await posted.text(), form.action);
    expect(back.fields.RelayState).to.equal('relay-post');
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: back.fields.SAMLResponse });
    expect(profile!.nameID).to.match(/^LT\/LV\//);
  });

  it('offers only the levels the request accepts', async () => {
    const sp = serviceProvider();
    const browser = new TestBrowser();
    const start = await browser.follow(await sp.getAuthorizeUrlAsync('', undefined, {}), ACS);
    const html = await (await browser.request(`${formOf(await start.response!.text(), start.url).action}?country=EE`)).text();
    expect(html).to.contain('value="substantial"').and.contain('value="high"').and.not.contain('value="low"');
    expect(html).to.contain('Kadri Tamm');
  });

  it('refuses a response whose attribute was changed after signing', async () => {
    const sp = serviceProvider();
    const xml = await signIn(sp);
    expect(await refusal(sp, xml.replace('>Müller<', '>Schmidt<'))).to.match(/signature/i);
  });

  it('refuses an unsigned response, whether or not the SP requires the Response itself signed', async () => {
    for (const wantAuthnResponseSigned of [true, false]) {
      const sp = serviceProvider(node, { wantAuthnResponseSigned });
      const xml = await signIn(sp);
      expect(await refusal(sp, xml.replace(/<ds:Signature\b[\s\S]*?<\/ds:Signature>/g, '')), String(wantAuthnResponseSigned)).to.match(
        /signature/i,
      );
    }
  });

  it('refuses a wrapped response: a second, unsigned assertion where a naive reader looks, the signed one tucked away', async () => {
    for (const wantAuthnResponseSigned of [true, false]) {
      const sp = serviceProvider(node, { wantAuthnResponseSigned });
      const xml = await signIn(sp);
      const signed = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const evil = signed
        .replace(/<ds:Signature\b[\s\S]*?<\/ds:Signature>/, '')
        .replace(/ID="[^"]+"/, 'ID="_evil"')
        .replaceAll(MARKUS.eidas_identifier, 'DE/LV/attacker')
        .replace('>Müller<', '>Attacker<');
      const withoutResponseSignature = xml.replace(
        /(<samlp:Response\b[\s\S]*?<\/saml:Issuer>)<ds:Signature\b[\s\S]*?<\/ds:Signature>/,
        '$1',
      );
      const wrapped = withoutResponseSignature
        .replace(signed, evil)
        .replace(/(<samlp:Response\b[\s\S]*?<\/saml:Issuer>)/, `$1<samlp:Extensions>${signed}</samlp:Extensions>`);
      expect(wrapped.indexOf('ID="_evil"'), "the unsigned assertion is the Response's own").to.be.greaterThan(
        wrapped.indexOf('</samlp:Extensions>'),
      );
      expect(await refusal(sp, wrapped), String(wantAuthnResponseSigned)).to.match(/signature|multiple assertions/i);
    }
  });

  it('refuses an expired response (a node whose clock is ten minutes behind)', async () => {
    const lagging = await startEidasNodeSimulator({
      clockOffsetMs: -10 * 60_000,
      serviceProviders: [{ entityId: SP, assertionConsumerServiceUrls: [ACS] }],
    });
    try {
      const cert = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(await (await fetch(`${lagging.url}/metadata`)).text())![1];
      const sp = serviceProvider(lagging, { idpCert: cert });
      const xml = await signIn(sp);
      // node-saml finds no SubjectConfirmation still valid (its NotOnOrAfter passed) before it reaches the Conditions.
      expect(await refusal(sp, xml)).to.match(/expired|No valid subject confirmation/i);
    } finally {
      await lagging.close();
    }
  });

  it('is refused a second time by the SP that consumed its InResponseTo', async () => {
    const sp = serviceProvider();
    const xml = await signIn(sp);
    await validate(sp, xml);
    expect(await refusal(sp, xml)).to.match(/InResponseTo/);
  });

  it('answers 400 to a SAMLRequest that is missing or not an AuthnRequest', async () => {
    expect((await fetch(`${node.url}/sso`)).status).to.equal(400);
    const notSaml = Buffer.from('<hello/>').toString('base64');
    const response = await fetch(`${node.url}/sso`, { method: 'POST', body: new URLSearchParams({ SAMLRequest: notSaml }) });
    expect(response.status).to.equal(400);
    expect(await response.text()).to.contain('not a SAML 2.0 AuthnRequest');
  });

  it('refuses an AuthnRequest from an unregistered service provider', async () => {
    const stranger = serviceProvider(node, { issuer: 'http://stranger.test/metadata' });
    const response = await new TestBrowser().request(await stranger.getAuthorizeUrlAsync('', undefined, {}));
    expect(response.status).to.equal(400);
    expect(await response.text()).to.contain('role="alert"');
  });

  it('answers a cancelled sign-in with a signed AuthnFailed status', async () => {
    const sp = serviceProvider();
    const browser = new TestBrowser();
    const start = await browser.follow(await sp.getAuthorizeUrlAsync('', undefined, {}), ACS);
    const page = await browser.request(`${formOf(await start.response!.text(), start.url).action}?country=FR`);
    const form = formOf(await page.text(), page.url);
    const posted = await browser.request(form.action, { form: { ...form.fields, action: 'cancel' } });
    const xml = Buffer.from(formOf(await posted.text(), form.action).fields.SAMLResponse, 'base64').toString();
    expect(await refusal(sp, xml)).to.match(/Responder error/);
  });

  it('is linked to a Latvian personal code by the population register simulator', async () => {
    const register = await startPopulationRegisterSimulator();
    try {
      const linked = await fetch(`${register.url}/eidas-identities/${encodeURIComponent(MARKUS.eidas_identifier)}`);
      expect(await linked.json()).to.deep.equal({ eidas_identifier: MARKUS.eidas_identifier, person_code: MARKUS.person_code });
      const person = (await (await fetch(`${register.url}/persons/${MARKUS.person_code}`)).json()) as {
        given_name: string;
        surname: string;
      };
      expect(person).to.include({ given_name: 'Markus', surname: 'Müller' });
      expect((await fetch(`${register.url}/eidas-identities/${encodeURIComponent('EE/LV/48802110231')}`)).status).to.equal(404);
    } finally {
      await register.close();
    }
  });

  it('answers 503 under a simulated outage', async () => {
    await fetch(`${node.url}/_faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outage":true}' });
    try {
      expect((await fetch(`${node.url}/metadata`)).status).to.equal(503);
    } finally {
      await fetch(`${node.url}/_faults`, { method: 'DELETE' });
    }
  });
});
