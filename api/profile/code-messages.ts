// The texts that carry a one-time code, in the person's language (their profile preference, Latvian by default).
import type { Language } from '../../db/profile/preferences';
import { CODE_TTL_MINUTES } from '../../db/profile/codes';

export function codeEmail(language: Language, code: string): { subject: string; text: string } {
  return language === 'en'
    ? {
        subject: 'Your confirmation code',
        text: `Your code to confirm this e-mail address at Latvija.gov.lv is ${code}. It is valid for ${CODE_TTL_MINUTES} minutes.\n\nIf you did not ask for it, ignore this message: the address will not be used.`,
      }
    : {
        subject: 'Jūsu apstiprinājuma kods',
        text: `Jūsu kods šīs e-pasta adreses apstiprināšanai portālā Latvija.gov.lv ir ${code}. Tas derīgs ${CODE_TTL_MINUTES} minūtes.\n\nJa to neprasījāt, neņemiet šo vēstuli vērā: adrese netiks izmantota.`,
      };
}

export function codeSms(language: Language, code: string): string {
  return language === 'en'
    ? `Latvija.gov.lv code: ${code} (valid ${CODE_TTL_MINUTES} min)`
    : `Latvija.gov.lv kods: ${code} (derīgs ${CODE_TTL_MINUTES} min)`;
}
