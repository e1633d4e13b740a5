// oidc-provider's storage adapter on PostgreSQL (db/oidc/payloads.ts): every API node shares sessions, codes, tokens
// and grants, and a restart signs nobody out. The library makes one adapter per model.
import type { Pool } from 'pg';
import {
  consumePayload,
  destroyPayload,
  findPayload,
  findPayloadBy,
  revokeGrant,
  sweepExpiredPayloads,
  upsertPayload,
  type OidcPayload,
} from '../../../../db/oidc/payloads';

const SWEEP_EVERY = 500;

export function postgresAdapter(pool: Pool, onError: (err: unknown) => void): new (model: string) => object {
  let writes = 0;
  return class PostgresAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
      await upsertPayload(pool, this.model, id, payload, expiresIn);
      if (++writes % SWEEP_EVERY === 0) sweepExpiredPayloads(pool).catch(onError);
    }

    find(id: string) {
      return findPayload(pool, this.model, id);
    }

    findByUid(uid: string) {
      return findPayloadBy(pool, this.model, 'uid', uid);
    }

    findByUserCode(userCode: string) {
      return findPayloadBy(pool, this.model, 'user_code', userCode);
    }

    consume(id: string) {
      return consumePayload(pool, this.model, id);
    }

    destroy(id: string) {
      return destroyPayload(pool, this.model, id);
    }

    revokeByGrantId(grantId: string) {
      return revokeGrant(pool, grantId);
    }
  };
}
