// The provider's own pages (errors, sign-out confirmation): plain HTML in both languages, no scripts of their own.
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}<p><a href="/">Uz portālu / To the portal</a></p></main></body></html>`;
}

export function errorPage(out: Record<string, string>): string {
  return page('Pieteikšanās neizdevās / Sign-in failed', `<p>${escape(out.error ?? 'error')}: ${escape(out.error_description ?? '')}</p>`);
}

export function logoutPage(form: string): string {
  return page(
    'Iziet? / Sign out?',
    `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Iziet / Sign out</button>`,
  );
}

export function loggedOutPage(): string {
  return page('Jūs esat izgājis / You have signed out', '');
}
