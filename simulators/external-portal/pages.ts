// The demo portal's pages (Latvian with English): its front page, the building-permit e-service, signed out, errors.
import { bilingual, escapeHtml, page } from '../html';
import type { PortalSession } from './sessions';

export const SERVICE_PATH = '/building-permit';

export function homePage(session: PortalSession | undefined): string {
  return page(
    'Būvniecības portāls / Building portal',
    'Būvniecības portāls',
    `<p>${bilingual('Demonstrācijas ārējais pakalpojumu portāls.', 'A demonstration external service portal.')}</p>
<p><a href="${SERVICE_PATH}">${bilingual('Pieteikt būvatļauju', 'Apply for a building permit')}</a></p>
${session ? signedInAs(session) : ''}`,
  );
}

function signedInAs(session: PortalSession): string {
  return `<p data-testid="portal-signed-in">${bilingual('Pieteicies', 'Signed in as')}: <strong data-testid="portal-user">${escapeHtml(session.name)}</strong></p>
<form method="post" action="/logout"><button type="submit" class="secondary">${bilingual('Iziet no portāla', 'Sign out of the portal')}</button></form>`;
}

export function servicePage(session: PortalSession): string {
  const code = session.personalCode
    ? `<p>${bilingual('Personas kods', 'Personal code')}: <span data-testid="portal-personal-code">${escapeHtml(session.personalCode)}</span></p>`
    : '';
  return page(
    'Būvatļauja / Building permit',
    'Būvatļaujas pieteikums',
    `<p>${bilingual('Būvatļaujas pieteikums', 'Building permit application')}</p>
${signedInAs(session)}
${code}
<p class="note">acr: ${escapeHtml(session.acr ?? '-')}; amr: ${escapeHtml(session.amr.join(', ') || '-')}</p>`,
  );
}

export function problemPage(problem: string): string {
  return page(
    'Kļūda / Error',
    'Pieteikšanās neizdevās',
    `<p>${bilingual('Pieteikšanās neizdevās.', 'Sign-in failed.')}</p><p>${escapeHtml(problem)}</p>`,
  );
}
