// The public catalogue's embeddable widget: a web component that shows one service description on any site and
// keeps it current. Plain JavaScript, no build step, no dependencies.
//
//   <script src="https://portal.example/widget/catalog-service.js"></script>
//   <sdp-service service="residence-declaration" lang="en" refresh="300"></sdp-service>
//
// Attributes: service (the service id), lang (lv | en; default: the page's language, else lv), refresh (seconds
// between revalidations, default 300), heading-level (2..6, default 2), api (the portal's address; default: where
// this script came from). It revalidates with If-None-Match and redraws only when the description changed (200);
// a 304 costs the portal almost nothing. Content goes in through textContent only, never as HTML.
(() => {
  'use strict';
  if (customElements.get('sdp-service')) return;

  const SCRIPT_ORIGIN = document.currentScript && document.currentScript.src ? new URL(document.currentScript.src).origin : location.origin;

  const TEXTS = {
    lv: {
      channels: 'Kā saņemt pakalpojumu',
      cost: 'Maksa',
      free: 'Bez maksas',
      time: 'Izpildes laiks',
      start: 'Sākt e-pakalpojumu',
      offices: 'Kur',
      phone: 'Tālrunis',
      email: 'E-pasts',
      post: 'Pasta adrese',
      hours: 'Darba laiks',
      agency: 'Iestāde',
      unavailable: 'Šis pakalpojuma apraksts pašlaik nav pieejams.',
      failed: 'Pakalpojuma aprakstu neizdevās ielādēt.',
      loading: 'Ielādē pakalpojuma aprakstu…',
      updated: 'Publicēts',
      days: ['P', 'O', 'T', 'C', 'Pk', 'S', 'Sv'],
      units: {
        Y: ['gads', 'gadi'],
        M: ['mēnesis', 'mēneši'],
        W: ['nedēļa', 'nedēļas'],
        D: ['diena', 'dienas'],
        h: ['stunda', 'stundas'],
        m: ['minūte', 'minūtes'],
        s: ['sekunde', 'sekundes'],
      },
    },
    en: {
      channels: 'How to get the service',
      cost: 'Cost',
      free: 'Free of charge',
      time: 'Processing time',
      start: 'Start the e-service',
      offices: 'Where',
      phone: 'Phone',
      email: 'E-mail',
      post: 'Postal address',
      hours: 'Hours',
      agency: 'Agency',
      unavailable: 'This service description is not available at the moment.',
      failed: 'The service description could not be loaded.',
      loading: 'Loading the service description…',
      updated: 'Published',
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
      units: {
        Y: ['year', 'years'],
        M: ['month', 'months'],
        W: ['week', 'weeks'],
        D: ['day', 'days'],
        h: ['hour', 'hours'],
        m: ['minute', 'minutes'],
        s: ['second', 'seconds'],
      },
    },
  };
  const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

  const CSS = `
    :host { display: block; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; overflow-wrap: anywhere; }
    article { border: 1px solid #c8ccd1; border-radius: 6px; padding: 1rem 1.25rem; background: #fff; }
    .title { margin: 0 0 .5rem; font-size: 1.35em; line-height: 1.25; }
    .sub { margin: 1rem 0 .5rem; font-size: 1.1em; }
    .channel-name { margin: 0 0 .25rem; font-size: 1em; }
    p { margin: 0 0 .75rem; }
    ul { margin: 0; padding: 0; list-style: none; }
    .channels > li { border-top: 1px solid #e1e4e8; padding: .75rem 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .5rem; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    .offices li { margin: .25rem 0 .5rem; }
    a { color: #0b4f9c; }
    a.start { display: inline-block; margin: .25rem 0 .5rem; padding: .45rem .9rem; border-radius: 4px; background: #0b4f9c; color: #fff; font-weight: 600; text-decoration: none; }
    a.start:focus-visible, a:focus-visible { outline: 3px solid #f4b400; outline-offset: 2px; }
    .meta { color: #4a4f55; font-size: .875em; margin: .75rem 0 0; }
  `;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    for (const c of children) if (c !== undefined && c !== null && c !== false) node.append(c); // strings become text nodes
    return node;
  }

  function duration(iso, t) {
    const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
    if (!m) return iso || '';
    const parts = [];
    ['Y', 'M', 'W', 'D', 'h', 'm', 's'].forEach((unit, i) => {
      const n = Number(m[i + 1] || 0);
      if (!n) return;
      // Latvian: numbers ending in 1 (but not 11) take the singular; English: only 1.
      const singular = t === TEXTS.lv ? n % 10 === 1 && n % 100 !== 11 : n === 1;
      parts.push(`${n} ${t.units[unit][singular ? 0 : 1]}`);
    });
    return parts.join(' ');
  }

  function money(amount, lang) {
    return new Intl.NumberFormat(lang === 'lv' ? 'lv-LV' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(amount);
  }

  /** "Mon–Fri 08:30–17:00": days with the same hours, consecutive days as a range. */
  function openingHours(hours, t) {
    const groups = [];
    for (const h of [...(hours || [])].sort((a, b) => DAY_CODES.indexOf(a.day) - DAY_CODES.indexOf(b.day))) {
      const last = groups[groups.length - 1];
      const i = DAY_CODES.indexOf(h.day);
      if (last && last.opens === h.opens && last.closes === h.closes && last.to === i - 1) last.to = i;
      else groups.push({ from: i, to: i, opens: h.opens, closes: h.closes });
    }
    return groups.map((g) => `${t.days[g.from]}${g.to > g.from ? `–${t.days[g.to]}` : ''} ${g.opens}–${g.closes}`).join(', ');
  }

  class SdpService extends HTMLElement {
    static get observedAttributes() {
      return ['service', 'lang', 'refresh', 'api', 'heading-level'];
    }

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      if ('adoptedStyleSheets' in this.shadowRoot && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet(); // not subject to the host page's style-src policy, unlike a <style> element
        sheet.replaceSync(CSS);
        this.shadowRoot.adoptedStyleSheets = [sheet];
      } else {
        this.shadowRoot.append(el('style', {}, CSS));
      }
      this.view = el('div', { part: 'body' });
      this.shadowRoot.append(this.view);
      this.etag = null;
      this.data = null;
      this.timer = null;
      this.controller = null;
      this.started = false; // attributes of an element upgraded in place arrive before connectedCallback
    }

    get language() {
      const own = (this.getAttribute('lang') || document.documentElement.lang || 'lv').slice(0, 2).toLowerCase();
      return own === 'en' ? 'en' : 'lv';
    }
    get texts() {
      return TEXTS[this.language];
    }
    get apiBase() {
      return (this.getAttribute('api') || SCRIPT_ORIGIN).replace(/\/+$/, '');
    }
    get refreshMs() {
      const s = Number(this.getAttribute('refresh'));
      return (Number.isFinite(s) && s >= 1 ? s : 300) * 1000;
    }

    connectedCallback() {
      this.started = true;
      if (!this.data) this.showMessage(this.texts.loading);
      void this.load();
    }

    disconnectedCallback() {
      this.started = false;
      clearTimeout(this.timer);
      if (this.controller) this.controller.abort();
    }

    attributeChangedCallback(name, before, after) {
      if (before === after || !this.started) return;
      if (name === 'lang' || name === 'heading-level') {
        if (this.data) this.render(this.data);
        return;
      }
      if (name === 'service' || name === 'api') {
        this.etag = null;
        this.data = null;
      }
      void this.load();
    }

    async load() {
      clearTimeout(this.timer);
      if (this.controller) this.controller.abort();
      const service = this.getAttribute('service');
      if (!service) return;
      const controller = new AbortController();
      this.controller = controller;
      try {
        const headers = this.etag ? { 'If-None-Match': this.etag } : {};
        const res = await fetch(`${this.apiBase}/api/v1/catalog/services/${encodeURIComponent(service)}`, {
          headers,
          mode: 'cors',
          credentials: 'omit',
          signal: controller.signal,
        });
        if (res.status === 200) {
          const data = await res.json();
          this.etag = res.headers.get('ETag');
          this.data = data;
          this.render(data);
        } else if (res.status === 404) {
          this.etag = null;
          this.data = null;
          this.showMessage(this.texts.unavailable);
        } else if (res.status !== 304 && !this.data) {
          this.showMessage(this.texts.failed);
        }
      } catch {
        if (controller.signal.aborted) return;
        if (!this.data) this.showMessage(this.texts.failed); // otherwise the last description stays up
      }
      if (this.controller === controller) this.controller = null;
      if (this.isConnected) this.timer = setTimeout(() => void this.load(), this.refreshMs);
    }

    showMessage(text) {
      this.view.replaceChildren(el('p', { part: 'message', role: 'status' }, text));
    }

    heading(extra, attrs, text) {
      const level = Math.min(6, Math.max(2, Number(this.getAttribute('heading-level')) || 2)) + extra;
      return el(`h${Math.min(6, level)}`, attrs, text);
    }

    absolute(href) {
      return href ? new URL(href, `${this.apiBase}/`).toString() : null;
    }

    render(d) {
      const lang = this.language;
      const t = this.texts;
      const pick = (text) => (text ? text[lang] || text.lv || text.en || '' : '');
      const eservice = this.absolute(d.links && d.links.eservice);
      const channels = el(
        'ul',
        { class: 'channels', part: 'channels' },
        ...(d.channels || []).map((c) => {
          const facts = el(
            'dl',
            {},
            el('dt', {}, t.cost),
            el('dd', {}, c.cost ? `${money(c.cost.amountEur, lang)}${c.cost.description ? ` (${pick(c.cost.description)})` : ''}` : t.free),
            el('dt', {}, t.time),
            el('dd', {}, duration(c.processingTime, t)),
          );
          if (c.phone) facts.append(el('dt', {}, t.phone), el('dd', {}, el('a', { href: `tel:${c.phone.replace(/\s+/g, '')}` }, c.phone)));
          if (c.email) facts.append(el('dt', {}, t.email), el('dd', {}, el('a', { href: `mailto:${c.email}` }, c.email)));
          if (c.postalAddress) facts.append(el('dt', {}, t.post), el('dd', {}, c.postalAddress));
          if (c.hours) facts.append(el('dt', {}, t.hours), el('dd', {}, pick(c.hours)));
          const offices =
            c.offices &&
            c.offices.length > 0 &&
            el(
              'ul',
              { class: 'offices', 'aria-label': t.offices },
              ...c.offices.map((o) =>
                el(
                  'li',
                  { 'data-office': o.id },
                  el('strong', {}, pick(o.name) || o.id),
                  o.address ? el('br') : null,
                  o.address || null,
                  o.openingHours && o.openingHours.length ? el('br') : null,
                  o.openingHours && o.openingHours.length ? openingHours(o.openingHours, t) : null,
                ),
              ),
            );
          // The e-service's own start link, unless it is the one already offered under the title.
          const start = c.type === 'eservice' && this.absolute(c.eserviceUrl) !== eservice && this.absolute(c.eserviceUrl);
          return el(
            'li',
            { 'data-channel': c.type },
            this.heading(2, { class: 'channel-name' }, pick(c.name) || c.type),
            facts,
            offices,
            start ? el('a', { class: 'start', href: start, part: 'start' }, t.start) : null,
          );
        }),
      );
      const published = d.publishedAt ? new Date(d.publishedAt).toLocaleDateString(lang === 'lv' ? 'lv-LV' : 'en-GB') : '';
      const article = el(
        'article',
        { part: 'card', lang, 'data-service': d.id, 'data-version': String(d.version) },
        this.heading(0, { class: 'title', part: 'title' }, pick(d.title)),
        el('p', { part: 'description' }, pick(d.description)),
        d.agency ? el('p', { class: 'agency' }, `${t.agency}: ${pick(d.agency.name)}`) : null,
        eservice ? el('a', { class: 'start', href: eservice, part: 'start' }, t.start) : null,
        this.heading(1, { class: 'sub' }, t.channels),
        channels,
        el('p', { class: 'meta' }, `${t.updated}: ${published}`),
      );
      this.view.replaceChildren(article);
      this.dispatchEvent(new CustomEvent('sdp-service-rendered', { detail: { service: d.id, version: d.version, etag: this.etag } }));
    }
  }

  customElements.define('sdp-service', SdpService);
})();
