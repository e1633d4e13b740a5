// English texts of submitting an application (the `submission` section of app/i18n/en.ts): the same keys as lv.ts.
import type { submissionLv } from './lv';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const submissionEn: Texts<typeof submissionLv> = {
  continue: 'Continue',
  check: {
    title: 'Check your answers',
    lead: 'Before you submit, check that everything is right. You can change what you need to.',
    change: 'Change',
    changeField: 'Change: {{field}}',
    notGiven: 'Not given',
    yes: 'Yes',
    no: 'No',
    fromRegister: 'Data from the state registers cannot be changed here.',
    submitTitle: 'Submit your application',
    submitLead: 'By submitting the application you confirm that the information you gave is true.',
    expected: 'If you submit today, expect a decision by {{date}}.',
    changed: 'Your answers were changed while you were checking them (for example by someone helping you). Check them again, then submit.',
    back: 'Back to the form',
  },
  confirmation: {
    title: 'Application submitted',
    caseNumber: 'Your case number',
    keep: 'Keep the case number: you will need it when you contact the agency.',
    nextTitle: 'What happens next',
    expected: 'Expect a decision by {{date}}.',
    noDate: 'The agency will tell you about the decision.',
    toldTitle: 'How you will be told',
    told: 'When there is a decision, or the agency needs more from you, you get a notification in this portal and in your official e-address if you have activated it. You can also follow the status in “My cases”.',
    view: 'View your application',
    cases: 'Go to “My cases”',
    notYet: 'The application has not been submitted yet.',
  },
  progress: {
    title: 'Steps to come',
    checks: 'Automatic checks in the state registers',
    decision: "The agency's decision",
    document: 'Document: {{title}}',
    outcome: 'Outcome: {{title}}',
    expectedBy: 'expected by {{date}}',
    infoAnswered: 'You answered the request',
    infoFields: 'Fields changed: {{fields}}',
    infoFiles: 'Files attached: {{count}}',
    infoNoChanges: 'No data changed',
    waitingForYou: 'The decision date will be known once you answer the agency’s request.',
  },
};
