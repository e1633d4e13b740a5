// The service description (forms/api/catalog-service-description.schema.json, version 1; its types generated into
// forms/types/api.ts) and the checks the schema cannot make: every code it uses must exist in the taxonomy, the office
// register, the sector list, the municipality list and the catalogue itself.
import type { Pool, PoolClient } from 'pg';
import type { DomainErrorDetail as ErrorDetail } from '../domain/domain-error';
import type { CatalogServiceDescription, Item, ServiceChannel, Text } from '../../forms/types/api';

export type Lang = 'lv' | 'en';
export type { Text };
export type DescribedItem = Item;
export type ChannelType = ServiceChannel['type'];
export const CHANNEL_TYPES: readonly ChannelType[] = ['eservice', 'in_person', 'phone', 'email', 'post'];
export type ChannelDescription = ServiceChannel;
export type ServiceDescription = CatalogServiceDescription;

type Queryable = Pool | PoolClient;

async function existing(db: Queryable, sql: string, values: string[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(sql, [values]);
  return new Set(rows.map((r) => r.id));
}

/** Field-level problems (JSON pointers into the description) that make it unpublishable; empty when it is consistent. */
export async function checkReferences(db: Queryable, d: ServiceDescription, pointerPrefix = ''): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const at = (path: string, code: string, message: string) => problems.push({ path: `${pointerPrefix}${path}`, code, message });

  const concepts = async (scheme: string, codes: string[], field: string) => {
    const known = await existing(db, `SELECT code AS id FROM taxonomy_concepts WHERE scheme = '${scheme}' AND code = ANY($1)`, codes);
    codes.forEach((c, i) => {
      if (!known.has(c)) at(`/${field}/${i}`, 'unknown_code', `"${c}" is not in the ${scheme} taxonomy.`);
    });
  };
  await concepts('thematic-area', d.thematicAreas, 'thematicAreas');
  await concepts('life-event', d.lifeEvents, 'lifeEvents');
  await concepts('business-event', d.businessEvents, 'businessEvents');
  if (!(await existing(db, 'SELECT id FROM sectors WHERE id = ANY($1)', [d.sector])).has(d.sector))
    at('/sector', 'unknown_code', `"${d.sector}" is not a sector.`);

  const municipalities = await existing(db, 'SELECT code AS id FROM municipalities WHERE code = ANY($1)', d.municipalities);
  d.municipalities.forEach((m, i) => {
    if (!municipalities.has(m)) at(`/municipalities/${i}`, 'unknown_code', `"${m}" is not a municipality (ATVK).`);
  });

  const related = await existing(db, 'SELECT id FROM services WHERE id = ANY($1)', d.relatedServices);
  d.relatedServices.forEach((s, i) => {
    if (s === d.id) at(`/relatedServices/${i}`, 'self_reference', 'A service is not related to itself.');
    else if (!related.has(s)) at(`/relatedServices/${i}`, 'unknown_service', `"${s}" is not a service.`);
  });

  for (const [field, items] of [
    ['requirements', d.requirements],
    ['evidence', d.evidence],
    ['outputs', d.outputs],
    ['legalBasis', d.legalBasis],
  ] as const) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) at(`/${field}/${i}/id`, 'duplicate_id', `"${item.id}" appears twice.`);
      seen.add(item.id);
    });
  }

  for (const [path, message] of linkProblems(d)) at(path, 'unsafe_link', message);

  const evidenceIds = new Set(d.evidence.map((e) => e.id));
  const officeIds = [...new Set(d.channels.flatMap((c) => c.offices ?? []))];
  const offices = await existing(db, 'SELECT id FROM offices WHERE id = ANY($1)', officeIds);
  const types = new Set<string>();
  d.channels.forEach((c, i) => {
    if (types.has(c.type)) at(`/channels/${i}/type`, 'duplicate_channel', `The ${c.type} channel is described twice.`);
    types.add(c.type);
    c.evidence.forEach((e, j) => {
      if (!evidenceIds.has(e)) at(`/channels/${i}/evidence/${j}`, 'unknown_evidence', `"${e}" is not in the service's evidence list.`);
    });
    (c.offices ?? []).forEach((o, j) => {
      if (!offices.has(o)) at(`/channels/${i}/offices/${j}`, 'unknown_office', `"${o}" is not an office.`);
    });
  });
  return problems;
}

/**
 * Why a link in a description is not safe to put in a portal page, or null: only https addresses without user-info
 * (`https://user@host` shows one host and opens another) and paths on the portal (one leading slash; `//host` and
 * `/\\host` are other hosts to a browser). The schema's pattern says the same in short; this parses the address.
 */
export function unsafeLink(link: string): string | null {
  if (link.startsWith('/')) return /^\/(?![/\\])/.test(link) ? null : 'A path on the portal starts with a single /.';
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'Not an address.';
  }
  if (url.protocol !== 'https:') return 'Only https addresses.';
  if (url.username || url.password) return 'No user name or password in the address.';
  if (!url.hostname || !/^https:\/\/[^/\\@\s]/i.test(link)) return 'The address names no host.';
  return null;
}

function linkProblems(d: ServiceDescription): Array<[string, string]> {
  const links: Array<[string, string | undefined]> = [
    ...d.legalBasis.map((l, i): [string, string | undefined] => [`/legalBasis/${i}/url`, l.url]),
    ...d.channels.map((c, i): [string, string | undefined] => [`/channels/${i}/eserviceUrl`, c.eserviceUrl]),
  ];
  return links.flatMap(([path, link]) => {
    const problem = link === undefined ? null : unsafeLink(link);
    return problem ? [[path, problem] as [string, string]] : [];
  });
}

/** The case-register channels a description offers ('other' is always allowed, as before the catalogue). */
export function registerChannels(d: ServiceDescription): string[] {
  return [...d.channels.map((c) => c.type), 'other'];
}
