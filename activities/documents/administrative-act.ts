// What makes an issued decision an administrative act (Administrative Procedure Law, section 67): besides the
// agency, the addressee, the date and the case number, its legal basis and where and by when it can be contested
// or appealed. The time limit is one month from the day the act takes effect (sections 76 and 79); an act notified
// electronically takes effect on the second working day after it was sent (the Law on Notification), and a time
// limit ending on a day off ends on the next working day. Both dates are computed and printed.
import { addMonths, englishDate, latvianDate, nextWorkingDayFrom, workingDaysAfter } from './latvian-calendar';

export interface BilingualText {
  lv: string;
  en: string;
}

/** Who hears the challenge: the head of the issuing agency (contesting), or the court directly (appeal). */
export type AppealTo = 'agencyHead' | 'court';

export interface AdministrativeActTerms {
  legalBasis: BilingualText;
  appealTo: AppealTo;
}

export interface AppealTerms {
  /** The day the act takes effect: the second working day after it is sent (issued and sent the same day). */
  takesEffectOn: string;
  /** The last day to contest or appeal (inclusive). */
  appealBy: string;
  heading: BilingualText;
  text: BilingualText;
}

export function appealTerms(issuedOn: string, agency: BilingualText, appealTo: AppealTo): AppealTerms {
  const takesEffectOn = workingDaysAfter(issuedOn, 2);
  const appealBy = nextWorkingDayFrom(addMonths(takesEffectOn, 1));
  const law = { lv: '(Administratīvā procesa likuma 76. un 79. pants)', en: '(Sections 76 and 79 of the Administrative Procedure Law)' };
  const effect = {
    lv: `Lēmums ir paziņots elektroniski un stājas spēkā otrajā darbdienā pēc tā nosūtīšanas — ${latvianDate(takesEffectOn, 'locative')}.`,
    en: `The decision is notified electronically and takes effect on the second working day after it was sent: ${englishDate(takesEffectOn)}.`,
  };
  if (appealTo === 'court')
    return {
      takesEffectOn,
      appealBy,
      heading: { lv: 'Pārsūdzēšanas kārtība', en: 'How to appeal' },
      text: {
        lv:
          `Šo lēmumu var pārsūdzēt Administratīvajā rajona tiesā viena mēneša laikā no tā spēkā stāšanās dienas ${law.lv}. ` +
          `${effect.lv} Pieteikumu tiesā var iesniegt līdz ${latvianDate(appealBy, 'dative')} (ieskaitot).`,
        en:
          `You may appeal this decision to the Administrative District Court within one month from the day it takes effect ${law.en}. ` +
          `${effect.en} The application must reach the court by ${englishDate(appealBy)} (inclusive).`,
      },
    };
  return {
    takesEffectOn,
    appealBy,
    heading: { lv: 'Apstrīdēšanas kārtība', en: 'How to contest' },
    text: {
      lv:
        `Šo lēmumu var apstrīdēt, iesniedzot iesniegumu iestādes vadītājam (${agency.lv}), viena mēneša laikā no lēmuma spēkā ` +
        `stāšanās dienas ${law.lv}. ${effect.lv} Iesniegumu var iesniegt līdz ${latvianDate(appealBy, 'dative')} (ieskaitot), ` +
        'arī elektroniski uz iestādes oficiālo elektronisko adresi.',
      en:
        `You may contest this decision by applying to the head of the agency (${agency.en}) within one month from the day it ` +
        `takes effect ${law.en}. ${effect.en} Apply by ${englishDate(appealBy)} (inclusive), also electronically to the ` +
        "agency's official electronic address.",
    },
  };
}
