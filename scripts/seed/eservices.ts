// Ships the e-service definitions in forms/eservices/ as published versions. A definition whose content differs
// from its latest version is published as a new version; running applications stay on the version they began with.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/connection';
import { saveDraft, publish } from '../../db/eservice-definitions/definitions';

export const SHIPPED_ESERVICES = ['declared-address-statement', 'residence-declaration', 'enterprise-register-statement'];
const DIR = path.resolve(__dirname, '../../forms/eservices');

export function shippedDefinition(id: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(DIR, id, 'definition.json'), 'utf8'));
}

export async function seedEServices(db: Database): Promise<void> {
  for (const id of SHIPPED_ESERVICES) {
    const definition = shippedDefinition(id);
    const { rows: services } = await db.pool.query('SELECT agency_id FROM services WHERE id = $1', [definition.serviceId]);
    const agencyId = services[0].agency_id as string;
    const { rows } = await db.pool.query(
      `SELECT v.content FROM eservice_definitions d JOIN eservice_definition_versions v ON v.definition_id = d.id AND v.version = d.latest_version WHERE d.id = $1`,
      [id],
    );
    if (rows[0] && canonical(rows[0].content) === canonical(definition)) continue;
    const exists = await db.pool.query('SELECT 1 FROM eservice_definitions WHERE id = $1', [id]);
    await saveDraft(db.pool, agencyId, 'seed', definition, { create: exists.rowCount === 0, id });
    await publish(db.pool, agencyId, id, 'seed');
  }
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep the key order of the file. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
