// English texts of "Apps you allowed" (the `apps` section of app/i18n/en.ts).
import type { appsLv } from './lv';

export const appsEn: typeof appsLv = {
  nav: 'Apps you allowed',
  title: 'Apps you allowed',
  lead: 'Mobile and third-party apps you have allowed to access your data at the platform. Revoke one and it loses access at once; next time it will ask your permission again.',
  none: 'You have not allowed any app.',
  columns: { app: 'App', scopes: 'Access allowed', allowedAt: 'Allowed', lastUsedAt: 'Last used', action: 'Action' },
  scopes: {
    openid: 'identifier at the platform',
    profile: 'name',
    personal_code: 'personal code',
    offline_access: 'access while you are not signed in',
  },
  neverUsed: 'not known',
  revoke: 'Revoke',
  revokeNamed: 'Revoke the access of {{name}}',
  confirmRevoke: 'Revoke the access of {{name}}? It loses access at once.',
  confirm: 'Yes, revoke',
  keep: 'No, keep',
  revoked: 'The access of {{name}} is revoked.',
  errors: { load: 'The list of apps could not be loaded.' },
};
