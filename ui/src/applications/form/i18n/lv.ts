// Latvian texts of the e-service form's fields and error messages (the `form` and `errors.fix` sections of
// app/i18n/lv.ts). An error message says how to fix the problem; it never names a field by its internal name.
export const formLv = {
  dateHint: 'dd.mm.gggg, piemēram, 01.12.2026',
  address: {
    hint: 'Sāciet rakstīt ielu un mājas numuru, tad izvēlieties adresi no saraksta.',
    listLabel: 'Adreses Valsts adrešu reģistrā',
    // Latvian plurals: "zero" is also 10–20, 30…; the list shows at most 10.
    found_zero: 'Atrastas {{count}} adreses. Izvēlei lietojiet bultiņas uz augšu un uz leju un Enter.',
    found_one: 'Atrasta {{count}} adrese. Izvēlei lietojiet bultiņas uz augšu un uz leju un Enter.',
    found_other: 'Atrastas {{count}} adreses. Izvēlei lietojiet bultiņas uz augšu un uz leju un Enter.',
    none: 'Neviena adrese nav atrasta. Pārbaudiet rakstību vai norādiet ielu, mājas numuru un pilsētu vai pagastu.',
    chosen: 'Izvēlēta adrese: {{address}}',
    confirmed: 'Adrese atrasta Valsts adrešu reģistrā.',
    unavailable: 'Adrešu reģistrs pašlaik neatbild. Mēģiniet vēlreiz pēc brīža.',
    slowDown: 'Pārāk daudz meklējumu. Pagaidiet brīdi un turpiniet rakstīt.',
  },
};

export const errorFixesLv = {
  generic: 'Pārbaudiet šo lauku un izlabojiet vērtību.',
  required: 'Aizpildiet šo lauku.',
  requiredDate: 'Ievadiet datumu formā dd.mm.gggg, piemēram, 01.12.2026.',
  requiredAddress: 'Ievadiet adresi un izvēlieties to no saraksta.',
  confirm: 'Atzīmējiet izvēles rūtiņu, lai apliecinātu.',
  choose: 'Izvēlieties vienu no iespējām.',
  dateFormat: 'Ievadiet datumu formā dd.mm.gggg, piemēram, 01.12.2026.',
  dateYear: 'Gadā jābūt 4 cipariem, piemēram, 01.12.2026.',
  dateNotReal: 'Šāda datuma nav. Ievadiet īstu datumu, piemēram, 01.12.2026.',
  notFuture: 'Datums nevar būt nākotnē. Ievadiet šodienas vai agrāku datumu.',
  notPast: 'Datums nevar būt pagātnē. Ievadiet šodienas vai vēlāku datumu.',
  earliest: 'Ievadiet datumu, kas nav agrāks par {{date}}.',
  latest: 'Ievadiet datumu, kas nav vēlāks par {{date}}.',
  dateRange: 'Ievadiet datumu atļautajā periodā.',
  email: 'Ievadiet e-pasta adresi, piemēram, vards@example.lv.',
  format: 'Ievadiet vērtību pareizā formā.',
  pattern: 'Ievadiet vērtību pareizā formā.',
  minLength: 'Ievadiet vismaz {{limit}} rakstzīmes.',
  maxLength: 'Ievadiet ne vairāk kā {{limit}} rakstzīmes.',
  minimum: 'Ievadiet skaitli, kas nav mazāks par {{limit}}.',
  maximum: 'Ievadiet skaitli, kas nav lielāks par {{limit}}.',
  address_not_chosen: 'Izvēlieties adresi no saraksta, kas parādās rakstot.',
  address_not_found: 'Šī adrese nav atrasta Valsts adrešu reģistrā. Sāciet rakstīt adresi un izvēlieties to no saraksta.',
  address_ambiguous: 'Šai adresei atbilst vairākas adreses. Izvēlieties precīzo adresi no saraksta.',
  address_not_residential: 'Šajā adresē nevar deklarēt dzīvesvietu (tā nav dzīvojamā telpa). Izvēlieties citu adresi.',
};
