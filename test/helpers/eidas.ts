// Signs an EU citizen in through the eIDAS node simulator over HTTP (the cookie-keeping browser helper): from the
// platform's start to the node's SAMLResponse, and its POST to the platform's assertion consumer service.
import { expect } from 'chai';
import { stack } from '../setup';
import { TestBrowser, formOf } from '../simulators/browser';

export const ANNA_SCHMIDT = 'DE/LV/1b4e28ba2fa111d2883f0016d3cca427';
export const ACS_PATH = '/api/v1/auth/eidas/acs';

export interface NodeChoice {
  country?: string;
  person?: string;
  loa?: 'low' | 'substantial' | 'high';
  action?: 'sign-in' | 'cancel';
  /** The level the platform's start asks the node for (?loa=). */
  requested?: 'low' | 'substantial' | 'high';
}

/** From the platform's start to the node's answer: the SAMLResponse XML the node's page would POST to the ACS. */
export async function responseFromNode(apiUrl: string, choice: NodeChoice = {}, rewriteRequest?: (location: string) => string) {
  const browser = new TestBrowser();
  const { country = 'DE', person = ANNA_SCHMIDT, loa = 'substantial', action = 'sign-in' } = choice;
  const asked = choice.requested ? `&loa=${choice.requested}` : '';
  const started = await browser.request(`${apiUrl}/api/v1/auth/eidas/start?country=${country}&returnTo=%2Fcases${asked}`);
  expect(started.status, 'start redirects to the node').to.equal(302);
  const location = rewriteRequest ? rewriteRequest(started.headers.get('location')!) : started.headers.get('location')!;
  const page = await browser.follow(location, apiUrl);
  expect(page.response?.status, `the node's person page at ${page.url}`).to.equal(200);
  expect(new URL(page.url).searchParams.get('country'), 'the country chosen on the platform').to.equal(country);
  const form = formOf(await page.response!.text(), page.url);
  const posted = await browser.request(form.action, { form: { ...form.fields, person, loa, action } });
  expect(posted.status).to.equal(200);
  const back = formOf(await posted.text(), form.action);
  expect(back.action).to.equal(new URL(ACS_PATH, stack.config.publicUrl).href);
  return { browser, xml: Buffer.from(back.fields.SAMLResponse, 'base64').toString('utf8'), relayState: back.fields.RelayState };
}

/** POSTs a SAMLResponse to an API's ACS as the node's form would; returns where the platform sends the browser. */
export async function postToAcs(apiUrl: string, browser: TestBrowser, xml: string): Promise<URL> {
  const res = await browser.request(`${apiUrl}${ACS_PATH}`, {
    form: { SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'), RelayState: 'DE' },
  });
  expect(res.status, await res.clone().text()).to.equal(302);
  return new URL(res.headers.get('location')!, apiUrl);
}

/** A browser signed in as the EU citizen, with the session's CSRF token for unsafe requests. */
export async function eidasSession(choice: NodeChoice = {}, apiUrl = stack.api.url) {
  const { browser, xml } = await responseFromNode(apiUrl, choice);
  expect((await postToAcs(apiUrl, browser, xml)).pathname).to.equal('/signed-in');
  const session = (await (await browser.request(`${apiUrl}/api/v1/auth/session`)).json()) as { csrfToken: string };
  const send = (method: string, path: string, json?: unknown) =>
    browser.request(`${apiUrl}${path}`, { method, json, headers: { 'x-csrf-token': session.csrfToken } });
  return { browser, send };
}
