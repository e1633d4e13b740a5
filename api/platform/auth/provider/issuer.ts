// Where the provider lives: mounted at /oidc in the API, so its issuer is PUBLIC_URL + /oidc.
import type { AppDeps } from '../../deps';

export const OIDC_PATH = '/oidc';

export const issuerOf = (deps: Pick<AppDeps, 'config'>) => `${deps.config.publicUrl.replace(/\/+$/, '')}${OIDC_PATH}`;
