// eIDAS node simulator: answers a service provider's SAML 2.0 AuthnRequest with a signed Response and Assertion about
// an EU citizen chosen on its pages (country, person, level of assurance). See README.md.
//   GET  /metadata          → the IdP metadata (entityID = this URL, signing certificate, SSO endpoint)
//   GET  /sso?SAMLRequest=…&RelayState=…[&country=XX]   (HTTP-Redirect binding) | POST /sso (HTTP-POST binding, form)
//        → 303 to the country page of the request (the person page when the SP named a country the node knows); 400 (HTML) for an unreadable request or an unknown SP / ACS URL
//   GET  /login/:requestId[?country=XX] → the country choice, then the person and level choice
//   POST /login/:requestId {country, person, loa, action: sign-in|cancel} → the auto-submitting HTTP-POST form to the
//        SP's AssertionConsumerService URL; each request is answered once
// The signing key and its self-signed certificate are generated at each start. Faults: the shared ones on every route.
import express, { type Request, type Response } from 'express';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { selfSignedIdentity } from './certificate';
import { citizenById, citizensOf, countries } from './citizens';
import { countryPage, personPage, postBackPage, problemPage } from './pages';
import { LEVELS, failureResponse, idpMetadata, readAuthnRequest, successResponse, type AuthnRequest, type ResponseInput } from './saml';

const SLUG = 'eidas-node';
const REQUEST_TTL_MS = 10 * 60_000;

export interface ServiceProvider {
  entityId: string;
  assertionConsumerServiceUrls: string[];
}

export interface EidasNodeSimulatorOptions extends SimulatorOptions {
  /** Registered SPs; when absent any SP is served at the ACS URL its request names (a development convenience). */
  serviceProviders?: ServiceProvider[];
  /** How far the node's clock is off, in ms: a negative value issues assertions that are already expired. */
  clockOffsetMs?: number;
  /** Validity of an assertion (Conditions and SubjectConfirmationData), default 300 s. */
  assertionLifetimeSeconds?: number;
  /** The base URL as service providers reach it; default the listening URL. */
  publicUrl?: string;
}

interface PendingRequest {
  request: AuthnRequest;
  acsUrl: string;
  relayState: string | null;
  expiresAt: number;
}

export async function startEidasNodeSimulator(opts: EidasNodeSimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp(SLUG, opts);
  const identity = selfSignedIdentity('eIDAS node simulator', 'Service delivery platform simulators', 'LV');
  const pending = new Map<string, PendingRequest>();
  let baseUrl = '';
  const entityId = () => `${baseUrl}/metadata`;

  app.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').send(idpMetadata(entityId(), `${baseUrl}/sso`, identity));
  });

  const receive = (binding: 'redirect' | 'post') => (req: Request, res: Response) => {
    const params = (binding === 'redirect' ? req.query : req.body) as Record<string, unknown>;
    let request: AuthnRequest;
    try {
      if (typeof params.SAMLRequest !== 'string') throw new Error('SAMLRequest is missing');
      request = readAuthnRequest(params.SAMLRequest, binding);
    } catch (err) {
      res
        .status(400)
        .type('html')
        .send(problemPage(`Nederīgs SAML pieprasījums / Invalid SAML request: ${(err as Error).message}`));
      return;
    }
    const sp = opts.serviceProviders?.find((candidate) => candidate.entityId === request.issuer);
    const acsUrl = request.assertionConsumerServiceUrl ?? sp?.assertionConsumerServiceUrls[0];
    if ((opts.serviceProviders && !sp) || !acsUrl || (sp && !sp.assertionConsumerServiceUrls.includes(acsUrl))) {
      res
        .status(400)
        .type('html')
        .send(problemPage('Nereģistrēts pakalpojuma sniedzējs vai adrese / Unregistered service provider or ACS URL.'));
      return;
    }
    const now = Date.now();
    for (const [id, entry] of pending) if (entry.expiresAt < now) pending.delete(id);
    const key = request.id.replace(/[^A-Za-z0-9_-]/g, '') || 'request';
    pending.set(key, {
      request,
      acsUrl,
      relayState: typeof params.RelayState === 'string' ? params.RelayState : null,
      expiresAt: now + REQUEST_TTL_MS,
    });
    // A service provider that let the citizen choose the country already (as the platform does) names it: skip that page.
    const country = countries.find((c) => c.code === params.country)?.code;
    res.redirect(303, `/login/${encodeURIComponent(key)}${country ? `?country=${country}` : ''}`);
  };
  app.get('/sso', receive('redirect'));
  app.post('/sso', express.urlencoded({ extended: false, limit: '100kb' }), receive('post'));

  const levelsFor = (request: AuthnRequest) => LEVELS.slice(request.minimumLevel ? LEVELS.indexOf(request.minimumLevel) : 0);
  const pendingOr404 = (req: Request, res: Response): PendingRequest | undefined => {
    const entry = pending.get(req.params.requestId);
    if (!entry || entry.expiresAt < Date.now()) {
      res.status(404).type('html').send(problemPage('Pieprasījums nav atrasts vai ir beidzies / The request is unknown or has expired.'));
      return undefined;
    }
    return entry;
  };

  app.get('/login/:requestId', (req, res) => {
    const entry = pendingOr404(req, res);
    if (!entry) return;
    const action = `/login/${encodeURIComponent(req.params.requestId)}`;
    const country = typeof req.query.country === 'string' ? req.query.country : '';
    if (countries.some((c) => c.code === country)) res.type('html').send(personPage(action, country, levelsFor(entry.request)));
    else res.type('html').send(countryPage(action, entry.request.issuer));
  });

  app.post('/login/:requestId', express.urlencoded({ extended: false, limit: '10kb' }), (req, res) => {
    const entry = pendingOr404(req, res);
    if (!entry) return;
    const body = req.body as Record<string, string | undefined>;
    const input: ResponseInput = {
      idpEntityId: entityId(),
      request: entry.request,
      acsUrl: entry.acsUrl,
      now: Date.now() + (opts.clockOffsetMs ?? 0),
      lifetimeSeconds: opts.assertionLifetimeSeconds ?? 300,
      identity,
    };
    let xml: string;
    if (body.action === 'cancel') {
      xml = failureResponse(input, 'The citizen cancelled the authentication.');
    } else {
      const country = body.country ?? '';
      const citizen = citizenById(body.person ?? '');
      const levels = levelsFor(entry.request);
      const level = levels.find((candidate) => candidate === body.loa);
      if (!citizen || !citizensOf(country).includes(citizen) || !level) {
        const action = `/login/${encodeURIComponent(req.params.requestId)}`;
        const problem = !citizen
          ? 'Izvēlieties personu. / Choose a person.'
          : 'Izvēlieties pieprasīto drošības līmeni. / Choose a level the service accepts.';
        res
          .status(400)
          .type('html')
          .send(personPage(action, countries.some((c) => c.code === country) ? country : 'DE', levels, problem));
        return;
      }
      xml = successResponse(input, citizen, level);
    }
    pending.delete(req.params.requestId);
    res.type('html').send(postBackPage(entry.acsUrl, Buffer.from(xml, 'utf8').toString('base64'), entry.relayState));
  });

  const running = await listen(app, opts);
  baseUrl = opts.publicUrl ?? running.url;
  return running;
}
