// oidc-provider's storage for one simulator: sessions, interactions, codes, tokens and grants in this process's memory,
// each simulator instance its own (the library's quick-start adapter is one store for the whole process), entries
// dropped when they expire. A restart signs everyone out, as the README says.
type Payload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string; consumed?: number };

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Models whose entries die with their grant (revokeByGrantId). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);
const SWEEP_EVERY = 200;

export function memoryStore(): (model: string) => object {
  const entries = new Map<string, Entry>();
  let writes = 0;

  const get = <T>(key: string): T | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  };
  const set = (key: string, value: unknown, expiresInSeconds: number) => {
    if (++writes % SWEEP_EVERY === 0) {
      const now = Date.now();
      for (const [k, e] of entries) if (e.expiresAt <= now) entries.delete(k);
    }
    entries.set(key, { value, expiresAt: Date.now() + expiresInSeconds * 1000 });
  };

  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: Payload, expiresIn: number) {
        if (model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
        if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
        if (GRANTABLE.has(model) && payload.grantId) {
          const members = get<string[]>(`grant:${payload.grantId}`) ?? [];
          set(`grant:${payload.grantId}`, [...members, key(id)], Math.max(expiresIn, 8 * 3600));
        }
        set(key(id), payload, expiresIn);
      },
      async find(id: string) {
        return get<Payload>(key(id));
      },
      async findByUid(uid: string) {
        const id = get<string>(`sessionUid:${uid}`);
        return id ? get<Payload>(key(id)) : undefined;
      },
      async findByUserCode(userCode: string) {
        const id = get<string>(`userCode:${userCode}`);
        return id ? get<Payload>(key(id)) : undefined;
      },
      async consume(id: string) {
        const payload = get<Payload>(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const member of get<string[]>(`grant:${grantId}`) ?? []) entries.delete(member);
        entries.delete(`grant:${grantId}`);
      },
    };
  };
}
