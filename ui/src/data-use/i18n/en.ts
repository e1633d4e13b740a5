// English texts of "Who used my data" (the `dataUse` section of app/i18n/en.ts).
import type { dataUseLv } from './lv';

export const dataUseEn: typeof dataUseLv = {
  nav: 'Who used my data',
  title: 'Who used my data',
  lead: 'Institutions that viewed or used your data through the platform or in the state registers: which institution and in what role, when, what data and why. New uses appear within a minute.',
  filters: {
    legend: 'Filter',
    institution: 'Institution',
    allInstitutions: 'All institutions',
    from: 'From',
    to: 'To',
    apply: 'Show',
  },
  none: 'No record of your data being used.',
  more: 'Show more',
  who: 'Who',
  role: 'Role',
  what: 'What data',
  why: 'Purpose',
  legalBasis: 'Legal basis',
  case: 'Case',
  source: { platform: 'Through the platform', register: 'In a register' },
  export: {
    title: 'My data',
    lead: 'Download all the data the platform holds about you: cases, applications, delegations, invoices and who used your data.',
    json: 'Download JSON',
    pdf: 'Download PDF',
    failed: 'The data could not be downloaded. Please try again.',
  },
  errors: { load: 'The list could not be loaded.' },
};
