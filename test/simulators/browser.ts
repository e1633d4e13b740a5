// A minimal browser for driving the identity simulators' pages over HTTP: keeps cookies per host, does not follow
// redirects by itself (so a test sees each hop), and reads forms out of the returned HTML.
export interface FormOnPage {
  action: string;
  method: string;
  /** Every named input with a value (hidden fields included), and each select's selected option. */
  fields: Record<string, string>;
}

export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async request(
    url: string | URL,
    init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const jar = this.jars.get(target.host);
    if (jar?.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cookies = this.jars.get(target.host) ?? new Map<string, string>();
      this.jars.set(target.host, cookies);
      const expired = attributes.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a)) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }

  /** A cookie this browser holds for the host of `url`. */
  cookie(url: string | URL, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  /** Follows redirects from `url` until a location starts with `stopAt` (returned, not fetched) or a page answers. */
  async follow(url: string | URL, stopAt: string): Promise<{ url: string; response?: Response }> {
    let current = new URL(url).toString();
    for (let hops = 0; hops < 10; hops++) {
      if (current.startsWith(stopAt)) return { url: current };
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.arrayBuffer();
      current = new URL(location, current).toString();
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }
}

const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeEntities(match[1]) : undefined;
};

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The first form of a page (or the one with the given id), resolved against the page's URL. */
export function formOf(html: string, pageUrl: string, id?: string): FormOnPage {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map((m) => m[0]);
  const form = id ? forms.find((f) => attr(f.slice(0, f.indexOf('>') + 1), 'id') === id) : forms[0];
  if (!form) throw new Error(`no form on the page ${pageUrl}`);
  const open = form.slice(0, form.indexOf('>') + 1);
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input, 'name');
    const type = attr(input, 'type') ?? 'text';
    if (!name || ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/i.test(input))) continue;
    fields[name] = attr(input, 'value') ?? '';
  }
  for (const [, selectTag, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/gi)) {
    const name = attr(selectTag, 'name');
    const option = /<option\b[^>]*\bselected\b[^>]*>/i.exec(options)?.[0] ?? /<option\b[^>]*>/i.exec(options)?.[0];
    if (name && option) fields[name] = attr(option, 'value') ?? '';
  }
  return {
    action: new URL(attr(open, 'action') ?? pageUrl, pageUrl).toString(),
    method: (attr(open, 'method') ?? 'get').toUpperCase(),
    fields,
  };
}
