// English texts of "My data in the registers" and "Something is wrong" (the `registerData` section of app/i18n/en.ts).
import type { registerDataLv } from './lv';

export const registerDataEn: typeof registerDataLv = {
  nav: 'My data in the registers',
  title: 'My data in the state registers',
  lead: 'What the population register, the address register, the vehicle register, the cadastre and land register and the Register of Enterprises hold about you. Each item shows the register and the agency it comes from and when it was read.',
  source: 'Source: {{register}}, {{holder}}',
  readAt: 'Read {{time}}',
  unavailable: 'The register is not available now. Please try again later.',
  empty: 'No data.',
  noValue: 'not given',
  reload: 'Read again',
  report: {
    open: 'Something is wrong',
    openNamed: 'Something is wrong: {{item}}',
    title: 'Report a discrepancy: {{item}}',
    intro: 'Your report goes to the holder of the register ({{holder}}) as a case you can follow in “My cases”.',
    field: 'Which entry is wrong',
    wrong: 'What is wrong',
    wrongHint: 'As it is in the register.',
    correct: 'What is right',
    comment: 'Comment (optional)',
    submit: 'Send the report',
    cancel: 'Cancel',
    sent: 'Your report is sent: {{holder}} will handle it as case {{caseId}}.',
    follow: 'Follow case {{caseId}}',
  },
  errors: {
    load: 'The data could not be loaded from the registers. Please try again later.',
    wrongRequired: 'Say what is wrong.',
    correctRequired: 'Say what is right.',
    same_as_wrong: 'What is right is the same as what is wrong: say what the right entry is.',
    unknown_field: 'Choose an entry from the list.',
    unknown_item: 'This item cannot be found in the register.',
    blank: 'Fill in this field.',
  },
};
