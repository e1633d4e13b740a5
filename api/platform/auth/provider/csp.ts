// The provider's pages under the platform's Content-Security-Policy (helmet): the form_post response mode posts the
// code to the portal's redirect URI with a form, which `form-action 'self'` would block. Under /oidc only, the
// registered portals' origins are added to form-action (the library adds its inline script's hash to script-src).
import type { NextFunction, Request, Response } from 'express';

export function allowPortalFormActions(redirectUris: string[]) {
  const origins = [...new Set(redirectUris.map((uri) => new URL(uri).origin))];
  return (_req: Request, res: Response, next: NextFunction): void => {
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string' && origins.length) {
      res.setHeader(
        'Content-Security-Policy',
        csp.replace(/form-action ([^;]*)/, (_m, values: string) => `form-action ${values} ${origins.join(' ')}`),
      );
    }
    next();
  };
}
