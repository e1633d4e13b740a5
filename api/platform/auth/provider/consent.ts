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
  // API areas (api:<area>, the platform's API as resource server): what the app may do there in the citizen's name.
  'api:citizen': ['Skatīt jūsu lietas, pieteikumus un rēķinus', 'See your cases, applications and invoices'],
  'api:e-services': [
    'Aizpildīt un iesniegt e-pakalpojumu pieteikumus jūsu vārdā',
    'Fill in and submit e-service applications in your name',
  ],
  'api:billing': ['Skatīt un apmaksāt jūsu rēķinus', 'See and pay your invoices'],
  'api:delegations': ['Skatīt un pārvaldīt jūsu pilnvarojumus', 'See and manage your delegations'],
};

/** A scope's text; an API area without its own text is named as such (a citizen never allows what they were not shown). */
const scopeText = (scope: string): [string, string] =>
  SCOPE_TEXT[scope] ??
  (scope.startsWith('api:') ? [`Platformas API daļa „${scope.slice(4)}”`, `The platform API area "${scope.slice(4)}"`] : [scope, scope]);

/** The scopes the consent is asked for: the OpenID ones and each resource server's (an app asking resource=PUBLIC_URL/api). */
function requestedScopes(details: InteractionDetails): string[] {
  const resourceScopes = Object.values((details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>).flat();
  const oidc = String(details.params.scope ?? 'openid').split(' ');
  return [...new Set([...oidc, ...resourceScopes])].filter(Boolean);
}

export function consentPage(details: InteractionDetails, clientName: string): string {
  const items = requestedScopes(details)
    .map(scopeText)
    .map(([lv, en]) => `<li>${escapeHtml(lv)} <span lang="en">/ ${escapeHtml(en)}</span></li>`)
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
    const resourceScopes = (details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>;
    for (const [resource, scopes] of Object.entries(resourceScopes)) allowed.addResourceScope(resource, scopes.join(' '));
    await p.interactionFinished(req, res, { consent: { grantId: await allowed.save() } }, { mergeWithLastSubmission: true });
  };
}
