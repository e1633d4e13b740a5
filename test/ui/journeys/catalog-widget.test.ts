// Journey: a partner site on another origin embeds the catalogue widget with one script tag and one element. The
// widget shows the service (title, description, channels with cost, processing time and offices, the e-service
// link), revalidates with If-None-Match (304s, no redraw), and shows a newly published version after its refresh.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser } from '../browser';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { publishDescription as publish } from '../../helpers/catalog';
import type { ServiceDescription } from '../../../db/catalog/description';

describe('journey: catalogue widget on another site', function () {
  this.timeout(60_000);
  const id = `test-widget-${uniqueSuffix()}`;
  const v1: ServiceDescription = {
    ...demoDescription(services.find((s) => s.id === 'residence-declaration')!),
    id,
    relatedServices: [],
    title: { lv: 'Laivas reģistrācija', en: 'Boat registration' },
    description: { lv: 'Reģistrējiet savu laivu.', en: 'Register your boat before its first voyage.' },
  };
  let browser: Browser;
  let page: Page;
  let partner: http.Server;
  let partnerUrl = '';
  const serviceResponses: number[] = [];

  before(async () => {
    await publish(v1, 1);
    // The partner's own site: another port is another origin.
    partner = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal: boats</title></head>
<body><main><h1>Boats and the law</h1><p>What the state says about registering a boat:</p>
<sdp-service service="${id}" lang="en" refresh="1"></sdp-service></main>
<script src="${stack.api.url}/widget/catalog-service.js"></script></body></html>`);
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/boats`;
    expect(new URL(partnerUrl).origin).to.not.equal(new URL(stack.api.url).origin);

    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.on('response', (r) => {
      if (r.url().endsWith(`/api/v1/catalog/services/${id}`) && r.request().method() === 'GET') serviceResponses.push(r.status());
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => partner?.close(resolve));
  });

  const title = () => page.locator('sdp-service [part="title"]');

  it('renders the service on the partner page and shows a new version after its refresh', async () => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });

    await page.goto(partnerUrl);
    await title().filter({ hasText: 'Boat registration' }).waitFor();
    // Counted from here: every redraw announces itself.
    await page.evaluate(
      `(() => { window.renders = 0; document.querySelector('sdp-service').addEventListener('sdp-service-rendered', () => { window.renders += 1; }); })()`,
    );

    const widget = page.locator('sdp-service');
    expect(await widget.locator('[part="description"]').textContent()).to.equal('Register your boat before its first voyage.');
    const inPerson = widget.locator('[data-channel="in_person"]');
    expect(await inPerson.locator('h4').textContent()).to.equal('In person');
    expect(await inPerson.textContent())
      .to.contain('Free of charge')
      .and.contain('3 days');
    const office = inPerson.locator('[data-office="vpvkac-riga"]');
    expect(await office.textContent())
      .to.contain('Unified customer centre, Riga')
      .and.contain('Brīvības iela 49/53')
      .and.contain('Mon–Fri 08:30–17:00');
    const start = widget.locator('a[part="start"]').first();
    expect(await start.textContent()).to.equal('Start the e-service');
    expect(await start.getAttribute('href')).to.equal(`${stack.api.url}/services?start=residence-declaration`);
    expect(await widget.locator('[data-channel="phone"]').textContent()).to.contain('+371 67209400');
    await checkPage(page, 'catalog-widget-00-partner-site');

    // Unchanged: the widget revalidates (304) and does not redraw.
    await waitFor('two revalidations', async () => serviceResponses.filter((s) => s === 304).length >= 2);
    expect(await page.evaluate<number>('window.renders')).to.equal(0);

    await publish({ ...v1, title: { lv: 'Laivas un ūdens motocikla reģistrācija', en: 'Boat and jet ski registration' } }, 2);
    await title().filter({ hasText: 'Boat and jet ski registration' }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate<number>('window.renders')).to.equal(1);
    expect(await widget.locator('article').getAttribute('data-version')).to.equal('2');
    expect(serviceResponses[0]).to.equal(200);
    expect(serviceResponses).to.include(304);
    await checkPage(page, 'catalog-widget-01-new-version');

    // Switching the language redraws from what it has, in Latvian.
    await page.evaluate(`document.querySelector('sdp-service').setAttribute('lang', 'lv')`);
    await title().filter({ hasText: 'Laivas un ūdens motocikla reģistrācija' }).waitFor();
    expect(await widget.locator('[data-channel="in_person"]').textContent())
      .to.contain('Bez maksas')
      .and.contain('3 dienas')
      .and.contain('P–Pk 08:30–17:00');
    expect(problems, 'no script or CORS errors on the partner page').to.deep.equal([]);
  });

  it('shows the demo page on the portal', async () => {
    await page.goto(`${stack.api.url}/widget/demo.html`);
    await page
      .locator('sdp-service[service="residence-declaration"] [part="title"]', { hasText: 'Declaration of place of residence' })
      .waitFor();
    await page.locator('sdp-service[service="passport-issue"] [part="title"]', { hasText: 'Pases izsniegšana' }).waitFor();
    await checkPage(page, 'catalog-widget-02-demo');
  });
});
