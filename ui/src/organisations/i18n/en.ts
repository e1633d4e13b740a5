// English texts of acting for a company (the `organisations` section of app/i18n/en.ts): the same keys as lv.ts.
import type { organisationsLv } from './lv';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const organisationsEn: Texts<typeof organisationsLv> = {
  nav: 'Companies',
  title: 'Companies I represent',
  lead: 'Companies on whose board you sit with representation rights (as the Register of Enterprises says), and people who delegated to you.',
  none: 'You do not represent any company.',
  actForNamed: 'Act for {{name}}',
  rights: { sole: 'represents alone', joint: 'represents jointly with the other board members', view: 'may view', act: 'may act' },
  basis: { enterprise_register: 'Register of Enterprises', delegation: 'delegation', mandate: 'written mandate' },
  needsConfirmation: 'To act alone you need the other board members’ confirmation.',
  askConfirmationNamed: 'Ask the other board members of {{name}} for confirmation',
  asked: 'Confirmation asked. Waiting for: {{names}}.',
  waiting: 'Waiting for confirmation',
  toConfirm: 'To confirm',
  toConfirmLead: 'Other board members ask you to confirm that they may act for the company alone.',
  noneToConfirm: 'No confirmation requests.',
  request: '{{name}} asks for confirmation for {{company}} until {{until}}',
  confirm: 'Confirm',
  decline: 'Decline',
  confirmed: 'Confirmed.',
  declined: 'Declined.',
  actingFor: 'You are acting for {{name}}',
  actingForDetail: 'Reg. no. {{regNo}} · basis: {{basis}}',
  backToOwn: 'Back to my own account',
  cases: 'The company’s cases',
  noCases: 'The company has no cases.',
  invoices: 'The company’s invoices',
  noInvoices: 'The company has no invoices.',
  messages: 'E-address messages',
  noMessages: 'The company has no messages.',
  columns: { number: 'Invoice', amount: 'Amount', due: 'Due', status: 'Status', subject: 'Subject', date: 'Date' },
  notFound: 'You do not represent this company.',
  load: 'The data could not be loaded.',
};
