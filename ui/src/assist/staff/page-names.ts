// The portal page the citizen is on, as a support specialist reads it: a page name in the staff member's language,
// never the raw path (which can carry a case number or an invoice id the specialist has no need to see whole).
import type { TFunction } from 'i18next';

/** The citizen's portal routes (ui/src/app/App.tsx) and the name of each; `:x` matches one path segment. */
const PAGES: Array<[pattern: string, name: string]> = [
  ['/', 'dashboard'],
  ['/sign-in', 'signIn'],
  ['/signed-in', 'signIn'],
  ['/services', 'services'],
  ['/catalog', 'services'],
  ['/catalog/:id', 'service'],
  ['/cases', 'cases'],
  ['/applications/:id', 'application'],
  ['/invoices', 'invoices'],
  ['/invoices/:id', 'invoice'],
  ['/payments/online/:id', 'payment'],
  ['/delegations', 'delegations'],
  ['/apps', 'apps'],
  ['/profile', 'profile'],
  ['/my-data/use', 'dataUse'],
  ['/organisations', 'organisations'],
  ['/organisations/:id', 'organisation'],
];

function matches(pattern: string, path: string): string | null | false {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return false;
  let param: string | null = null;
  for (let i = 0; i < p.length; i += 1) {
    if (p[i].startsWith(':')) param = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return false;
  }
  return param;
}

export function pageName(page: string | null | undefined, t: TFunction): string {
  if (!page) return t('assist.unknown');
  const path = page.split(/[?#]/)[0].replace(/(.)\/+$/, '$1') || '/';
  for (const [pattern, name] of PAGES) {
    const param = matches(pattern, path);
    if (param === false) continue;
    // Only an application's page names its case (the specialist joined it by the citizen's code); no other id shows.
    return name === 'application' ? t('assist.pages.application', { id: param }) : t(`assist.pages.${name}`);
  }
  return t('assist.pages.other');
}
