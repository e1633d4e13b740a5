// Latvian texts of "Apps you allowed" (the `apps` section of app/i18n/lv.ts).
export const appsLv = {
  nav: 'Atļautās lietotnes',
  title: 'Atļautās lietotnes',
  lead: 'Mobilās un citu izstrādātāju lietotnes, kurām esat atļāvuši piekļuvi saviem datiem platformā. Atsaucot atļauju, lietotne uzreiz zaudē piekļuvi; nākamreiz tā jautās jūsu atļauju vēlreiz.',
  none: 'Jūs neesat atļāvuši piekļuvi nevienai lietotnei.',
  columns: { app: 'Lietotne', scopes: 'Atļautā piekļuve', allowedAt: 'Atļauts', lastUsedAt: 'Pēdējoreiz izmantota', action: 'Darbība' },
  scopes: {
    openid: 'identifikators platformā',
    profile: 'vārds un uzvārds',
    personal_code: 'personas kods',
    offline_access: 'piekļuve arī tad, kad neesat pieteicies',
  },
  neverUsed: 'nav zināms',
  revoke: 'Atsaukt',
  revokeNamed: 'Atsaukt atļauju lietotnei {{name}}',
  confirmRevoke: 'Atsaukt atļauju lietotnei {{name}}? Tā uzreiz zaudēs piekļuvi.',
  confirm: 'Jā, atsaukt',
  keep: 'Nē, paturēt',
  revoked: 'Atļauja lietotnei {{name}} atsaukta.',
  errors: { load: 'Neizdevās ielādēt lietotņu sarakstu.' },
};
