// The consent page for apps (public clients): what the app asks for, in Latvian and English, allow or deny. The
// interaction's own cookie (SameSite=Lax) ties the answer to this browser; the platform session must still be open
// and be the person the provider signed in.
import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { sessionFromRequest } from '../session/browser-session';
import { OIDC_PATH } from './issuer';
import { escapeHtml, platformPage } from './pages';

const SCOPE_TEXT: Record<string, [string, string]> = {
  openid: ['Jūsu identifikators platformā', 'Your identifier at the platform'],
  profile: ['Jūsu vārds un uzvārds', 'Your name'],
  personal_code: ['Jūsu personas kods', 'Your personal code'],
  offline_access: ['Piekļuve arī tad, kad neesat pieteicies', 'Access while you are not signed in'],
};

export function consentPage(details: InteractionDetails, clientName: string): string {
  const scopes = String(details.params.scope ?? 'openid')
    .split(' ')
    .filter((s) => SCOPE_TEXT[s]);
  const items = scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s][0])} <span lang="en">/ ${escapeHtml(SCOPE_TEXT[s][1])}</span></li>`)
    .join('');
  const action = `${OIDC_PATH}/interaction/${encodeURIComponent(details.uid)}/consent`;
  return platformPage(
    'Atļaut lietotnei piekļuvi? / Allow the app access?',
    `<p><strong data-testid="consent-client">${escapeHtml(clientName)}</strong> lūdz / asks for:</p><ul>${items}</ul>
<form method="post" action="${action}">
<button type="submit" name="decision" value="allow">Atļaut / Allow</button>
<button type="submit" name="decision" value="deny">Neatļaut / Deny</button>
</form>
<p>Atļauju varat atsaukt jebkurā brīdī sadaļā <a href="/apps">Atļautās lietotnes</a>.
<span lang="en">You can revoke it at any time under <a href="/apps">Apps you allowed</a>.</span></p>`,
  );
}

export function consentHandler(deps: AppDeps, provider: () => Provider) {
  return async (req: Request, res: Response): Promise<void> => {
    const p = provider();
    const details = await p.interactionDetails(req, res);
    const session = await sessionFromRequest(deps, req);
    const decision = (req.body as Record<string, unknown> | undefined)?.decision;
    if (details.prompt.name !== 'consent' || !session || session.subject !== details.session?.accountId) {
      res
        .status(400)
        .type('html')
        .send(platformPage('Pieprasījums nav derīgs / Invalid request', '<p>Sāciet no jauna. / Start again.</p>'));
      return;
    }
    if (decision !== 'allow') {
      await p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The citizen did not allow the app.' },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    const grant = details.grantId ? await p.Grant.find(details.grantId) : undefined;
    const allowed = grant ?? new p.Grant({ clientId: String(details.params.client_id), accountId: session.subject });
    allowed.addOIDCScope(String(details.params.scope ?? 'openid'));
    await p.interactionFinished(req, res, { consent: { grantId: await allowed.save() } }, { mergeWithLastSubmission: true });
  };
}
