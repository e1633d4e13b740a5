// The provider's pages under the platform's Content-Security-Policy (helmet): the form_post response mode posts the
// code to the portal's redirect URI with a form, and the consent page's answer ends in a redirect to the app's
// redirect URI, which `form-action 'self'` would block (browsers check form-action on the redirects after a form
// too). Under /oidc only, the registered clients' origins are added to form-action (the library adds its inline
// script's hash to script-src). A native app's loopback redirect URI takes any port (RFC 8252 §7.3): `:*`.
import type { NextFunction, Request, Response } from 'express';
import type { ClientMetadata } from 'oidc-provider';

const LOOPBACKS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The form-action sources of the registered clients' redirect URIs. */
export function formActionSources(clients: ClientMetadata[]): string[] {
  const sources = clients.flatMap((client) =>
    (Array.isArray(client.redirect_uris) ? client.redirect_uris.map(String) : []).map((uri) => {
      const url = new URL(uri);
      const anyPort = client.application_type === 'native' && url.protocol === 'http:' && LOOPBACKS.has(url.hostname);
      return anyPort ? `http://${url.hostname}:*` : url.origin;
    }),
  );
  return [...new Set(sources)];
}

export function allowPortalFormActions(sources: string[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string' && sources.length) {
      res.setHeader(
        'Content-Security-Policy',
        csp.replace(/form-action ([^;]*)/, (_m, values: string) => `form-action ${values} ${sources.join(' ')}`),
      );
    }
    next();
  };
}
