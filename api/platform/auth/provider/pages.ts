// The provider's own pages (errors, sign-out confirmation, the apps' consent page in consent.ts): plain HTML in both languages, no scripts of their own.
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function platformPage(title: string, body: string): string {
  return `<!doctype html><html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Uz portālu / To the portal</a></p></main></body></html>`;
}

export function errorPage(out: Record<string, string>): string {
  return platformPage(
    'Pieteikšanās neizdevās / Sign-in failed',
    `<p>${escapeHtml(out.error ?? 'error')}: ${escapeHtml(out.error_description ?? '')}</p>`,
  );
}

export function logoutPage(form: string): string {
  return platformPage(
    'Iziet? / Sign out?',
    `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Iziet / Sign out</button>`,
  );
}

export function loggedOutPage(): string {
  return platformPage('Jūs esat izgājis / You have signed out', '');
}
