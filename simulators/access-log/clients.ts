// The registers as agency systems at the platform's OpenID Provider: a key pair made at start for each register that
// pushes its access log; the platform registers the public half (OIDC_CLIENTS), the simulator signs with the other.
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const ACCESS_LOG_SCOPE = 'api:register-access-logs';

export interface RegisterPushClient {
  clientId: string;
  privateJwk: JWK;
  /** The OIDC_CLIENTS entry for the platform. */
  registration: Record<string, unknown>;
}

async function pushClient(clientId: string, agency: string): Promise<RegisterPushClient> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${clientId}-1`;
  return {
    clientId,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    registration: {
      client_id: clientId,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' }] },
      agency,
      scope: ACCESS_LOG_SCOPE,
    },
  };
}

/** The population register (PMLP) and the enterprise register (UR). */
export async function registerPushClients(): Promise<{ populationRegister: RegisterPushClient; enterpriseRegister: RegisterPushClient }> {
  return {
    populationRegister: await pushClient('population-register-access-log', 'pmlp'),
    enterpriseRegister: await pushClient('enterprise-register-access-log', 'ur'),
  };
}
