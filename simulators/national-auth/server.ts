// National authentication service simulator: an OpenID Provider (oidc-provider, the certified library) whose sign-in
// page lets the tester pick a person of the population register simulator and a method (see README.md).
//   /.well-known/openid-configuration, /jwks, /auth, /token, /me, /session/end … → oidc-provider's routes
//   GET  /interaction/:uid → the sign-in page (the person preselected by the request's `login_hint`)
//   POST /interaction/:uid {person, method, action: sign-in|cancel} (form) → back into the protocol
// Authorization code flow only, PKCE (S256) required of every client; signing keys and cookie keys are generated at
// each start and never leave the process. Faults: the shared ones (simulators/faults.ts) on every route.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response, type NextFunction } from 'express';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { claimsOf, personByHint, personBySubject, persons } from './accounts';
import { acrOf, authMethods, methodsFor, supportedAcrValues } from './methods';
import { memoryStore } from './memory-store';
import { errorPage, loggedOutPage, logoutPage, signInPage } from './pages';

const SLUG = 'national-auth';
/** Development only: the client registered when the options name none (the platform's side is issue 16's next step). */
export const DEV_CLIENT_ID = 'platform';
export const DEV_CLIENT_SECRET = 'dev-national-auth-secret-change-me';
export const DEV_REDIRECT_URI = 'http://localhost:3000/api/v1/auth/national/callback';
export const DEV_POST_LOGOUT_REDIRECT_URI = 'http://localhost:3000/';

export interface NationalAuthSimulatorOptions extends SimulatorOptions {
  /** Registered relying parties (client_id, client_secret and/or jwks, redirect_uris, post_logout_redirect_uris, …);
   * default: the development client DEV_CLIENTS. */
  clients?: ClientMetadata[];
  /** The issuer as relying parties reach it; default the listening URL. */
  issuer?: string;
}

export const DEV_CLIENTS: ClientMetadata[] = [
  {
    client_id: DEV_CLIENT_ID,
    client_secret: DEV_CLIENT_SECRET,
    redirect_uris: [DEV_REDIRECT_URI],
    post_logout_redirect_uris: [DEV_POST_LOGOUT_REDIRECT_URI],
  },
];

function signingKey(): Record<string, unknown> {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
}

function providerConfiguration(clients: ClientMetadata[]): Configuration {
  return {
    clients: clients.map((client) => ({ grant_types: ['authorization_code'], response_types: ['code'], ...client })),
    jwks: { keys: [signingKey()] },
    adapter: memoryStore(),
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    // Lifetimes in seconds: a sign-in page may stay open 10 minutes, a sign-in session lasts a working day.
    ttl: { AuthorizationCode: 60, IdToken: 3600, AccessToken: 600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
    pkce: { methods: ['S256'], required: () => true },
    scopes: ['openid', 'profile'],
    // The library's defaults (null: released when asked for), and acr and amr with every ID token, not only when the
    // request asks for them (acr_values or the claims parameter).
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'personal_code', 'acr', 'amr'],
      profile: ['given_name', 'family_name', 'birthdate'],
    },
    // The ID token carries the person's claims itself: the relying party needs no UserInfo call to know who signed in.
    conformIdTokenClaims: false,
    acrValues: supportedAcrValues,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(ctx.host, form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const person = personBySubject(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => claimsOf(person) };
    },
    // The national service asks no consent of its own (the relying party's contract covers it): the grant is made when
    // the person has signed in.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}

export async function startNationalAuthSimulator(opts: NationalAuthSimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp(SLUG, opts);
  const clients = opts.clients ?? DEV_CLIENTS;
  // The provider needs its issuer URL, known once the server listens; requests cannot arrive before that.
  const live: { provider?: Provider; handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};

  const withProvider =
    (route: (p: Provider, req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
      if (!live.provider) res.status(503).json(errorBody('starting', 'The provider is starting.'));
      else route(live.provider, req, res).catch(next);
    };

  app.get(
    '/interaction/:uid',
    withProvider(async (p, req, res) => {
      const details = await p.interactionDetails(req, res);
      res.type('html').send(
        signInPage({
          action: `/interaction/${encodeURIComponent(details.uid)}`,
          clientName: String(details.params.client_id),
          methods: methodsFor(details.params.acr_values),
          selectedPerson: personByHint(details.params.login_hint),
        }),
      );
    }),
  );

  app.post(
    '/interaction/:uid',
    express.urlencoded({ extended: false, limit: '10kb' }),
    withProvider(async (p, req, res) => {
      const details = await p.interactionDetails(req, res);
      const body = req.body as Record<string, unknown>;
      if (body.action === 'cancel') {
        await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' });
        return;
      }
      const methods = methodsFor(details.params.acr_values);
      const person = persons.find((candidate) => candidate.person_code === body.person);
      const method = methods.find((candidate) => candidate.id === body.method);
      if (!person || !method) {
        res
          .status(400)
          .type('html')
          .send(
            signInPage({
              action: `/interaction/${encodeURIComponent(details.uid)}`,
              clientName: String(details.params.client_id),
              methods,
              selectedPerson: person,
              problem: !person
                ? 'Izvēlieties personu. / Choose a person.'
                : authMethods.some((m) => m.id === body.method)
                  ? 'Šī metode nesasniedz pieprasīto drošības līmeni. / This method does not reach the level of assurance asked for.'
                  : 'Izvēlieties metodi. / Choose a method.',
            }),
          );
        return;
      }
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: claimsOf(person).sub, acr: acrOf(method.level), amr: method.amr } },
        { mergeWithLastSubmission: false },
      );
    }),
  );

  app.use((req, res, next) => {
    if (!live.handle) next();
    else live.handle(req, res);
  });

  const running = await listen(app, opts);
  live.provider = new Provider(opts.issuer ?? running.url, providerConfiguration(clients));
  live.handle = live.provider.callback();
  return running;
}
