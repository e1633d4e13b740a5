// Latvian texts (the default language).
export const lv = {
  layout: {
    skip: 'Pāriet uz saturu', brand: 'Pakalpojumu portāls', signedInAs: 'Pieslēdzies: {{name}}', signOut: 'Iziet',
    nav: 'Galvenā navigācija', language: 'Valoda', footer: 'Valsts pārvaldes pakalpojumu portāls · demonstrācijas vide',
  },
  nav: { dashboard: 'Sākums', services: 'Pakalpojumi', cases: 'Manas lietas', inbox: 'Iestādes uzdevumi' },
  status: {
    draft: 'Melnraksts', submitted: 'Iesniegts', in_progress: 'Apstrādē', info_requested: 'Paprasīta papildu informācija',
    awaiting_payment: 'Gaida maksājumu', answered: 'Sniegta atbilde', licence_issued: 'Izsniegta licence', rejected: 'Atteikts',
    completed: 'Pabeigts', withdrawn: 'Atsaukts',
  },
  channel: { eservice: 'E-pakalpojums', in_person: 'Klātienē', phone: 'Tālrunis', email: 'E-pasts', post: 'Pasts', other: 'Cits' },
  case: { history: 'Statusa vēsture' },
  common: { cancel: 'Atcelt' },
  errors: {
    summaryTitle: 'Lūdzu, izlabojiet kļūdas', generic: 'Radās kļūda. Lūdzu, mēģiniet vēlreiz.',
    keyword: {
      required: 'Obligāts lauks', minLength: 'Par īsu: vismaz {{limit}} rakstzīmes', maxLength: 'Par garu: ne vairāk kā {{limit}} rakstzīmes',
      pattern: 'Nepareizs formāts', format: 'Nepareizs formāts', const: 'Lūdzu, apstipriniet', enum: 'Izvēlieties kādu no vērtībām',
      type: 'Nepareiza vērtība', unknown_field: 'Nezināms lauks', minimum: 'Par mazu vērtību', maximum: 'Par lielu vērtību',
    },
  },
  signIn: {
    title: 'Pieslēgties', unavailable: 'Demonstrācijas pieslēgšanās nav pieejama.', failed: 'Pieslēgties neizdevās.',
    demo: 'Demonstrācijas pieslēgšanās.', demoHelp: 'Tā nav īsta autentifikācija: izvēlieties kādu no testa personām.',
  },
  notFound: { title: 'Lapa nav atrasta', home: 'Uz sākumu' },
  dashboard: {
    title: 'Sākums', greeting: 'Labdien, {{name}}!', lead: 'Informācija no valsts reģistriem vienā klikšķī, jūsu lietas un melnraksti.',
    address: 'Deklarētā dzīvesvieta', addressHelp: 'Izziņa no Fizisko personu reģistra uzreiz, bez veidlapas.',
    addressButton: 'Saņemt izziņu', asking: 'Vaicājam reģistram…', addressFailed: 'Izziņu saņemt neizdevās.', openStatement: 'Atvērt izziņas lietu',
    openCases: 'Atvērtās lietas', allCases: 'Visas manas lietas', drafts: 'Melnraksti, ko turpināt', noDrafts: 'Melnrakstu nav.',
    savedAt: 'Saglabāts {{date}}', servicesCard: 'E-pakalpojumi', servicesHelp: 'Atrodiet un sāciet e-pakalpojumu.', browse: 'Visi pakalpojumi',
  },
  services: {
    title: 'E-pakalpojumi', search: 'Meklēt pakalpojumu', start: 'Sākt', starting: 'Atver…', startNamed: 'Sākt: {{title}}',
    startFailed: 'Pakalpojumu atvērt neizdevās.',
    count_zero: 'Atrasti {{count}} pakalpojumi', count_one: 'Atrasts {{count}} pakalpojums', count_other: 'Atrasti {{count}} pakalpojumi',
  },
  application: {
    title: 'Pieteikums', notFound: 'Pieteikums nav atrasts.', caseId: 'Lietas numurs', status: 'Statuss', fillIn: 'Aizpildiet veidlapu',
    draftHelp: 'Ievadītais tiek saglabāts automātiski; melnrakstu varat turpināt līdz {{date}} arī citā ierīcē.',
    submit: 'Iesniegt', submitting: 'Iesniedz…', stale: 'Melnraksts tikmēr mainījās. Pārskatiet to un iesniedziet vēlreiz.',
    waitingFor: 'Gaidām atbildi no: {{system}}', submittedData: 'Iesniegtie dati',
  },
  autosave: {
    idle: 'Izmaiņas tiks saglabātas automātiski', pending: 'Nesaglabātas izmaiņas…', saving: 'Saglabā…', saved: 'Saglabāts',
    savedAt: 'Saglabāts {{time}}', error: 'Neizdevās saglabāt; mēģināsim vēlreiz', closed: 'Pieteikums jau iesniegts',
  },
  documents: { title: 'Dokumenti', download: 'Lejupielādēt: {{title}}', failed: 'Dokumentu lejupielādēt neizdevās.' },
  withdraw: { title: 'Atsaukt pieteikumu', start: 'Atsaukt pieteikumu', reason: 'Iemesls (nav obligāts)', confirm: 'Apstiprināt atsaukšanu' },
  info: {
    title: 'Atbildēt uz pieprasījumu', help: 'Iestāde lūdz papildu informāciju. Izlabojiet datus un, ja nepieciešams, pievienojiet failus.',
    files: 'Pielikumi (PDF, PNG, JPEG, teksts)', send: 'Nosūtīt atbildi',
  },
  cases: {
    title: 'Manas lietas', lead: 'Visas jūsu lietas visos kanālos — e-pakalpojumi, klātiene, tālrunis, pasts.', none: 'Jums vēl nav lietu.',
    changed: 'Lietas {{id}} statuss: {{status}}', asRepresentative: 'kā pārstāvis', showHistory: 'Rādīt vēsturi',
    open: 'Atvērt', openNamed: 'Atvērt lietu {{id}}',
  },
  inbox: {
    title: 'Iestādes uzdevumi', status: 'Statuss', mine: 'Tikai mani', empty: 'Uzdevumu nav.', task: 'Uzdevums', recipient: 'Iesniedzējs',
    case: 'Lieta', due: 'Termiņš', state: 'Stāvoklis', overdue: 'nokavēts',
    caption_zero: '{{count}} uzdevumi', caption_one: '{{count}} uzdevums', caption_other: '{{count}} uzdevumi',
    sort: 'Kārtot', sorts: { due_at: 'Pēc termiņa', '-created_at': 'Jaunākie vispirms' },
    filter: { active: 'Aktīvie', open: 'Jauni', claimed: 'Paņemti darbā', completed: 'Pabeigti' },
  },
  task: {
    title: 'Uzdevums', notFound: 'Uzdevums nav atrasts.', back: '← Atpakaļ uz uzdevumiem', recipient: 'Iesniedzējs', claim: 'Paņemt darbā',
    claimed: 'Uzdevums paņemts darbā.', claimedBy: 'Darbā pie: {{name}}', decided: 'Lēmums pieņemts. Lietas statuss: {{status}}',
    completed: 'Pabeigts: {{outcome}}', data: 'Pieteikuma dati', files: 'Pielikumi',
  },
  decision: {
    title: 'Lēmums', outcome: 'Lēmums', chooseOutcome: 'Izvēlieties lēmumu', message: 'Ziņa iedzīvotājam',
    messageHint: 'Obligāta, ja noraidāt vai prasāt papildu informāciju.', messageRequired: 'Uzrakstiet ziņu iedzīvotājam',
    submit: 'Pieņemt lēmumu', outcomes: { approve: 'Apstiprināt', reject: 'Noraidīt', requestInfo: 'Pieprasīt papildu informāciju' },
  },
  enum: {
    owner: 'Īpašnieks', tenant: 'Īrnieks', 'family-member': 'Ģimenes loceklis', other: 'Cits',
    personal: 'Personīgām vajadzībām', employer: 'Darba devējam', bank: 'Bankai',
  },
};
