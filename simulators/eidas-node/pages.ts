// The eIDAS node's pages (Latvian with English): country, then person and level of assurance, then the POST back.
import { bilingual, escapeHtml, page } from '../html';
import { citizensOf, countries } from './citizens';
import type { LevelOfAssurance } from './saml';

const TITLE = 'eIDAS mezgls (simulators) / eIDAS node (simulator)';
const LEVEL_LV: Record<LevelOfAssurance, string> = { low: 'zems', substantial: 'būtisks', high: 'augsts' };

export function countryPage(action: string, serviceProvider: string): string {
  const options = countries.map((c) => `<option value="${c.code}">${escapeHtml(`${c.nameLv} / ${c.nameEn}`)}</option>`).join('\n');
  return page(
    TITLE,
    'ES eID / EU eID',
    `<p>${bilingual(`Pakalpojums „${serviceProvider}” lūdz jūs pieslēgties ar savas valsts eID.`, `The service "${serviceProvider}" asks you to sign in with your country's eID.`)}</p>
<form method="get" action="${escapeHtml(action)}">
<label for="country">${bilingual('Valsts', 'Country')}</label>
<select id="country" name="country" required>
${options}
</select>
<button type="submit">Turpināt / Continue</button>
</form>`,
  );
}

export function personPage(action: string, country: string, levels: LevelOfAssurance[], problem?: string): string {
  const people = citizensOf(country)
    .map(
      (c) =>
        `<option value="${escapeHtml(c.personIdentifier)}">${escapeHtml(`${c.givenName} ${c.familyName} (${c.dateOfBirth}, ${c.personIdentifier})`)}</option>`,
    )
    .join('\n');
  const levelChoices = levels
    .map(
      (level, i) =>
        `<label><input type="radio" name="loa" value="${level}"${i === levels.length - 1 ? ' checked' : ''}> ${LEVEL_LV[level]} <span lang="en" class="en">/ ${level}</span></label>`,
    )
    .join('\n');
  return page(
    TITLE,
    'ES eID / EU eID',
    `${problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="country" value="${escapeHtml(country)}">
<fieldset><legend>${bilingual('Persona', 'Person')}</legend>
<label for="person">${bilingual('Kas pieslēdzas?', 'Who signs in?')}</label>
<select id="person" name="person" required>
${people}
</select></fieldset>
<fieldset><legend>${bilingual('Drošības līmenis', 'Level of assurance')}</legend>
${levelChoices}
</fieldset>
<button type="submit" name="action" value="sign-in">Pieslēgties / Sign in</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Atcelt / Cancel</button>
</form>`,
  );
}

/** The HTTP-POST binding: a form the browser submits to the service provider (by script, or by the button). */
export function postBackPage(acsUrl: string, samlResponse: string, relayState: string | null): string {
  return page(
    TITLE,
    'Atgriešanās pakalpojumā / Returning to the service',
    `<form id="saml-post" method="post" action="${escapeHtml(acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
${relayState !== null ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ''}
<button type="submit">Turpināt / Continue</button>
</form>
<script>document.getElementById('saml-post').submit();</script>`,
  );
}

export function problemPage(message: string): string {
  return page(TITLE, 'Kļūda / Error', `<p role="alert">${escapeHtml(message)}</p>`);
}
