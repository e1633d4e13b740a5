// The demo app registered at the platform's OpenID Provider by `npm start` and the test stack (issue 16 §2): a public
// client (no secret) as a mobile app is, with PKCE, the citizen's consent, DPoP-bound access tokens and rotating
// refresh tokens. A native app's redirect URI is on the loopback address; any port is accepted there (RFC 8252 §7.3),
// so a newcomer can open its authorization URL from the README and read the code in the address bar. It may use the
// platform's API as the citizen in two areas (api:citizen: their cases, applications and invoices; api:e-services:
// filling in and submitting applications), with tokens asked for resource=PUBLIC_URL/api.
export const DEMO_APP_CLIENT_ID = 'demo-mobile-app';
export const DEMO_APP_REDIRECT_URI = 'http://127.0.0.1/callback';

export function demoAppClient() {
  return {
    client_id: DEMO_APP_CLIENT_ID,
    client_name: 'Latvija.lv mobilā lietotne (demo)',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: [DEMO_APP_REDIRECT_URI],
    scope: 'openid profile api:citizen api:e-services',
  };
}
