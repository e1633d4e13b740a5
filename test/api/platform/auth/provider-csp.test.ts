// The form-action sources the provider's pages add to the CSP: a registered client's redirect origin, and for a
// native app's loopback redirect URI any port (RFC 8252 §7.3: the app picks its port when it starts). Without them
// Chromium blocks the redirect to the app after the consent form (the apps-consent journey shows it in a browser).
import { expect } from 'chai';
import { formActionSources } from '../../../../api/platform/auth/provider/csp';

describe('api/platform/auth/provider/csp: form-action sources', () => {
  it('adds each redirect origin once, and any port for a native app on the loopback address only', () => {
    expect(
      formActionSources([
        { client_id: 'portal', redirect_uris: ['https://portal.example.lv/callback', 'https://portal.example.lv/other'] },
        { client_id: 'app', application_type: 'native', redirect_uris: ['http://127.0.0.1/callback', 'https://app.example.lv/cb'] },
        { client_id: 'web-on-loopback', redirect_uris: ['http://127.0.0.1:8080/callback'] },
        { client_id: 'system', redirect_uris: [] },
      ]),
    ).to.deep.equal(['https://portal.example.lv', 'http://127.0.0.1:*', 'https://app.example.lv', 'http://127.0.0.1:8080']);
  });
});
