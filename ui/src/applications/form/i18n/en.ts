// English texts of the e-service form's fields and error messages (the `form` and `errors.fix` sections of
// app/i18n/en.ts).
import type { errorFixesLv, formLv } from './lv';

export const formEn: typeof formLv = {
  dateHint: 'dd.mm.yyyy, for example 01.12.2026',
  address: {
    hint: 'Start typing the street and house number, then choose the address from the list.',
    listLabel: 'Addresses in the state address register',
    found_zero: '{{count}} addresses found. Use the up and down arrows and Enter to choose.',
    found_one: '{{count}} address found. Use the up and down arrows and Enter to choose.',
    found_other: '{{count}} addresses found. Use the up and down arrows and Enter to choose.',
    none: 'No address found. Check the spelling, or give the street, house number and town or parish.',
    chosen: 'Address chosen: {{address}}',
    confirmed: 'Address found in the state address register.',
    unavailable: 'The address register is not answering right now. Try again in a moment.',
    slowDown: 'Too many searches. Wait a moment, then keep typing.',
  },
};

export const errorFixesEn: typeof errorFixesLv = {
  generic: 'Check this field and correct the value.',
  required: 'Fill in this field.',
  requiredDate: 'Enter the date as dd.mm.yyyy, for example 01.12.2026.',
  requiredAddress: 'Enter the address and choose it from the list.',
  confirm: 'Tick the box to confirm.',
  choose: 'Choose one of the options.',
  dateFormat: 'Enter the date as dd.mm.yyyy, for example 01.12.2026.',
  dateYear: 'The year must have 4 digits, for example 01.12.2026.',
  dateNotReal: 'There is no such date. Enter a real date, for example 01.12.2026.',
  notFuture: 'The date cannot be in the future. Enter today or an earlier date.',
  notPast: 'The date cannot be in the past. Enter today or a later date.',
  earliest: 'Enter a date on or after {{date}}.',
  latest: 'Enter a date on or before {{date}}.',
  dateRange: 'Enter a date within the allowed period.',
  email: 'Enter an e-mail address, for example name@example.lv.',
  format: 'Enter the value in the right format.',
  pattern: 'Enter the value in the right format.',
  minLength: 'Enter at least {{limit}} characters.',
  maxLength: 'Enter at most {{limit}} characters.',
  minimum: 'Enter a number of at least {{limit}}.',
  maximum: 'Enter a number of at most {{limit}}.',
  address_not_chosen: 'Choose the address from the list that appears as you type.',
  address_not_found: 'This address is not in the state address register. Start typing the address and choose it from the list.',
  address_ambiguous: 'Several addresses match this one. Choose the exact address from the list.',
  address_not_residential: 'Residence cannot be declared at this address (it is not a dwelling). Choose another address.',
};
