// The provider's interaction: the platform's browser session is the sign-in. With an open session the interaction is
// finished at once (login as the session's person, acr and amr of their platform sign-in) and the browser goes back
// into the protocol: the citizen sees no credential prompt. Without one, the platform's own sign-in page is shown and
// returns here afterwards. Apps (public clients) get the consent page once the citizen is known.
import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { sessionFromRequest } from '../session/browser-session';
import { loginOf } from './claims';
import { OIDC_PATH } from './issuer';
import { consentPage } from './consent';
import { isApp } from './grants';

export function interactionHandler(deps: AppDeps, provider: () => Provider) {
  return async (req: Request, res: Response): Promise<void> => {
    const p = provider();
    const details = await p.interactionDetails(req, res);
    const session = await sessionFromRequest(deps, req);
    if (!session) {
      const back = `${OIDC_PATH}/interaction/${encodeURIComponent(details.uid)}`;
      res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(back)}`);
      return;
    }
    if (details.prompt.name === 'login') {
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: session.subject, ...loginOf(session.principal) } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const client = await p.Client.find(String(details.params.client_id));
    if (isApp(client)) {
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(consentPage(details, client?.clientName ?? String(details.params.client_id)));
      return;
    }
    // Consent for a portal: first-party (grants.ts makes their grant as the request arrives, so this is reached only
    // if that was not possible); the grant covers the scopes asked, which the client is registered for.
    const grant = new p.Grant({ clientId: String(details.params.client_id), accountId: session.subject });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    await p.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };
}
