// What the public catalogue API shows: search items, one service with everything a republishing portal needs to
// display it (labels for every code, offices with address and opening hours, links), the taxonomy and the change
// feed. Presented service bodies are kept in memory by ETag, so a read of an unchanged service costs no JSON work.
import type { ChannelDescription, ServiceDescription, Text } from '../../db/catalog/description';
import { SCHEMES, type CatalogReference, type OfficeInfo } from './public-reads';
import type { ChangeRow, PublishedService } from '../../db/catalog/published';
import type { SearchRow } from './search-index';
import type {
  GetCatalogChangesResponse,
  GetCatalogServicesIdResponse,
  GetCatalogServicesResponse,
  GetCatalogTaxonomyResponse,
} from '../../forms/types/api';

/** The CPSV-AP JSON-LD representation lives next to the JSON one (api/catalog/linked-data-routes.ts). */
export function serviceLinks(serviceId: string) {
  const self = `/api/v1/catalog/services/${encodeURIComponent(serviceId)}`;
  return { self, jsonld: `${self}/cpsv-ap.jsonld` };
}

/** The ETag of a presented service: the read model's (the document and version) and the reference data's tags. */
export function serviceEtag(publishedEtag: string, ref: CatalogReference): string {
  return `"${publishedEtag.replace(/^W\/|"/g, '')}.${ref.tag}"`;
}

function agencyOf(agencyId: string, ref: CatalogReference) {
  const agency = ref.agencies.get(agencyId);
  return { id: agencyId, name: agency?.name ?? { lv: agencyId, en: agencyId } };
}

export function presentSearchItem(row: SearchRow, ref: CatalogReference): GetCatalogServicesResponse['items'][number] {
  return {
    id: row.serviceId,
    version: row.version,
    title: row.title,
    description: row.description,
    agency: agencyOf(row.agencyId, ref),
    channels: row.channels,
    lifeEvents: row.lifeEvents,
    businessEvents: row.businessEvents,
    thematicAreas: row.thematicAreas,
    municipalities: row.municipalities,
    publishedAt: row.publishedAt.toISOString(),
    links: { ...serviceLinks(row.serviceId), eservice: row.eserviceUrl },
  };
}

type Labels = Record<string, Text>;

function labelsOf(codes: string[], known: Map<string, Text>): Labels {
  return Object.fromEntries(codes.map((c) => [c, known.get(c) ?? { lv: c, en: c }]));
}

function presentChannel(c: ChannelDescription, ref: CatalogReference) {
  const { offices, ...rest } = c;
  return {
    ...rest,
    name: ref.concepts.channel.get(c.type) ?? { lv: c.type, en: c.type },
    ...(offices ? { offices: offices.map((id): OfficeInfo | { id: string } => ref.offices.get(id) ?? { id }) } : {}),
  };
}

/** The published description as the public sees it: the document with its codes labelled and offices expanded. */
export function presentService(p: PublishedService, ref: CatalogReference): GetCatalogServicesIdResponse {
  const d: ServiceDescription = p.document;
  const sector = ref.sectors.get(d.sector);
  const eservice = d.channels.find((c) => c.type === 'eservice')?.eserviceUrl ?? null;
  return {
    ...d,
    version: p.version,
    agency: agencyOf(p.agencyId, ref),
    sector: { id: d.sector, name: sector?.name ?? { lv: d.sector, en: d.sector } },
    channels: d.channels.map((c) => presentChannel(c, ref)),
    labels: {
      thematicAreas: labelsOf(d.thematicAreas, ref.concepts['thematic-area']),
      lifeEvents: labelsOf(d.lifeEvents, ref.concepts['life-event']),
      businessEvents: labelsOf(d.businessEvents, ref.concepts['business-event']),
      channels: labelsOf(
        d.channels.map((c) => c.type),
        ref.concepts.channel,
      ),
      municipalities: labelsOf(d.municipalities, ref.municipalities),
    },
    publishedAt: p.publishedAt.toISOString(),
    links: { ...serviceLinks(p.serviceId), eservice },
  };
}

export function presentTaxonomy(ref: CatalogReference): GetCatalogTaxonomyResponse {
  return {
    schemes: Object.fromEntries(
      SCHEMES.map((scheme) => [scheme, [...ref.concepts[scheme]].map(([code, label]) => ({ code, label }))]),
    ) as GetCatalogTaxonomyResponse['schemes'], // one entry per scheme of SCHEMES
    agencies: [...ref.agencies.values()].map((a) => ({ id: a.id, sectorId: a.sectorId, name: a.name })),
    sectors: [...ref.sectors.values()],
    municipalities: [...ref.municipalities].map(([code, name]) => ({ code, name })),
  };
}

export function presentChange(c: ChangeRow): GetCatalogChangesResponse['items'][number] {
  return { seq: c.seq, serviceId: c.serviceId, version: c.version, kind: c.kind, at: c.at.toISOString(), links: serviceLinks(c.serviceId) };
}

/**
 * Serialised bodies by ETag, least recently used out first, bounded by total size. An ETag names exactly one body,
 * so an entry is never stale: a new publication (or changed reference data) has a new ETag and a new entry.
 */
export class BodyCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(etag: string): Buffer | undefined {
    const body = this.entries.get(etag);
    if (body) {
      // move to the young end
      this.entries.delete(etag);
      this.entries.set(etag, body);
    }
    return body;
  }

  set(etag: string, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    const old = this.entries.get(etag);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(etag);
    }
    this.entries.set(etag, body);
    this.bytes += body.length;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
