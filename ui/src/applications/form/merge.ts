// Draft merging: when the server's draft moved ahead (the register prefill arrived) while the citizen was typing,
// the server's values fill the gaps and what the citizen typed wins.
import type { FormData } from '../../app/api/types';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function mergeDrafts(server: FormData, mine: FormData): FormData {
  const out: FormData = { ...server };
  for (const [k, v] of Object.entries(mine)) {
    if (v === undefined || v === '') continue;
    out[k] = isObject(v) && isObject(server[k]) ? mergeDrafts(server[k], v) : v;
  }
  return out;
}

/** JSON with sorted keys and no undefined values: to compare form data. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
