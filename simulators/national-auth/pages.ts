// The national sign-in's own pages (Latvian with English): choosing a person and a method, signing out, errors.
import { bilingual, escapeHtml, page } from '../html';
import { personLabel, persons } from './accounts';
import { acrOf, type AuthMethod } from './methods';
import type { WirePerson } from '../population-register/data';

export interface SignInPageInput {
  action: string;
  clientName: string;
  methods: AuthMethod[];
  selectedPerson?: WirePerson;
  problem?: string;
}

const LEVEL_LV = { low: 'zems', substantial: 'būtisks', high: 'augsts' } as const;

export function signInPage({ action, clientName, methods, selectedPerson, problem }: SignInPageInput): string {
  const personOptions = persons
    .map((person) => {
      const selected = person === selectedPerson ? ' selected' : '';
      return `<option value="${person.person_code}"${selected}>${escapeHtml(personLabel(person))}</option>`;
    })
    .join('\n');
  const methodChoices = methods
    .map(
      (method, i) =>
        `<label><input type="radio" name="method" value="${method.id}"${i === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(method.labelLv)} <span lang="en" class="en">/ ${escapeHtml(method.labelEn)}</span> ` +
        `<span class="note">(${LEVEL_LV[method.level]} / ${method.level}: ${escapeHtml(acrOf(method.level))})</span></label>`,
    )
    .join('\n');
  return page(
    'Pieslēgšanās — valsts autentifikācijas pakalpojums (simulators)',
    'Pieslēgšanās / Sign in',
    `<p>${bilingual(`Pakalpojums „${clientName}” lūdz jūs pieslēgties.`, `The service "${clientName}" asks you to sign in.`)}</p>
<p class="note">${bilingual('Simulators: izvēlieties personu no Iedzīvotāju reģistra simulatora un metodi.', 'Simulator: choose a person from the population register simulator and a method.')}</p>
${problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>${bilingual('Persona', 'Person')}</legend>
<label for="person">${bilingual('Kas pieslēdzas?', 'Who signs in?')}</label>
<select id="person" name="person" required>
${personOptions}
</select></fieldset>
<fieldset><legend>${bilingual('Autentifikācijas metode', 'Authentication method')}</legend>
${methodChoices}
</fieldset>
<button type="submit" name="action" value="sign-in">Pieslēgties / Sign in</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Atcelt / Cancel</button>
</form>`,
  );
}

/** The RP-initiated logout confirmation; `form` is oidc-provider's form (id "op.logoutForm") carrying its xsrf token. */
export function logoutPage(host: string, form: string): string {
  return page(
    'Iziešana — valsts autentifikācijas pakalpojums (simulators)',
    'Iziet? / Sign out?',
    `<p>${bilingual(`Vai iziet no ${host}?`, `Do you want to sign out from ${host}?`)}</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Jā, iziet / Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">Nē, palikt / No, stay signed in</button>`,
  );
}

export function loggedOutPage(): string {
  return page(
    'Jūs esat izgājis — valsts autentifikācijas pakalpojums (simulators)',
    'Jūs esat izgājis / You are signed out',
    `<p>${bilingual('Iziešana izdevās.', 'Your sign-out was successful.')}</p>`,
  );
}

export function errorPage(out: Record<string, string>): string {
  const rows = Object.entries(out)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join('\n');
  return page('Kļūda — valsts autentifikācijas pakalpojums (simulators)', 'Kļūda / Error', `<dl>\n${rows}\n</dl>`);
}
