// The catalogue shapes the UI reads from the API: the description document (forms/api/catalog-service-description
// .schema.json, db/catalog/description.ts), the public catalogue (api/catalog/public-presenter.ts) and the agency
// management and review API (api/catalog/queries.ts, api/catalog/agency-routes.ts).
import type { Localized } from '../app/api/types';
import type { CatalogServiceDescription, Item, ServiceChannel } from '../../../forms/types/api';

// The description document's types are generated from its schema (npm run generate:types).
export type ChannelType = ServiceChannel['type'];
export const CHANNEL_TYPES: readonly ChannelType[] = ['eservice', 'in_person', 'phone', 'email', 'post'];

export type DescribedItem = Item;
export type LegalAct = ServiceDescription['legalBasis'][number];
export type ChannelDescription = ServiceChannel;
export type ServiceDescription = CatalogServiceDescription;

export interface OpeningHours {
  day: string;
  opens: string;
  closes: string;
}
export interface OfficeInfo {
  id: string;
  name: Localized;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours[];
}

// ---- public catalogue ----

export interface SearchItem {
  id: string;
  version: number;
  title: Localized;
  description: Localized;
  agency: { id: string; name: Localized };
  channels: ChannelType[];
  lifeEvents: string[];
  businessEvents: string[];
  thematicAreas: string[];
  municipalities: string[];
  publishedAt: string;
  links: { self: string; jsonld: string };
}

export interface SearchResult {
  items: SearchItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublishedService extends Omit<ServiceDescription, 'sector' | 'channels'> {
  version: number;
  agency: { id: string; name: Localized };
  sector: { id: string; name: Localized };
  channels: Array<Omit<ChannelDescription, 'offices'> & { name?: Localized; offices?: Array<OfficeInfo | { id: string }> }>;
  labels?: Record<'thematicAreas' | 'lifeEvents' | 'businessEvents' | 'channels' | 'municipalities', Record<string, Localized>>;
  publishedAt: string;
  links: { self: string; jsonld: string; eservice: string | null };
}

export type Scheme = 'thematic-area' | 'life-event' | 'business-event' | 'channel';

export interface Taxonomy {
  schemes: Record<Scheme, Array<{ code: string; label: Localized }>>;
  agencies: Array<{ id: string; sectorId: string; name: Localized }>;
  sectors: Array<{ id: string; name: Localized }>;
  municipalities: Array<{ code: string; name: Localized }>;
}

// ---- agency management and review ----

export type Stage = 'draft' | 'agency_review' | 'catalogue_review' | 'returned' | 'published' | 'superseded' | 'withdrawn';

export interface CatalogEntry {
  serviceId: string;
  agencyId: string;
  title: Localized;
  latestVersion: number;
  stage: Stage;
  publishedVersion: number | null;
  reviewBy: string;
  reviewedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  stale: boolean;
  overdue: boolean;
  lastChangedBy: string;
  lastChangedAt: string;
}

export type ReviewAction = 'created' | 'changed' | 'submitted' | 'approved' | 'returned' | 'published' | 'withdrawn' | 'reviewed';

export interface ReviewEvent {
  version: number;
  action: ReviewAction;
  step: 'author' | 'agency' | 'catalogue' | null;
  actor: { id: string; name: string };
  comment: string | null;
  at: string;
}

export interface CatalogEntryDetail extends CatalogEntry {
  document: ServiceDescription;
  events: ReviewEvent[];
}

export interface VersionSummary {
  version: number;
  stage: Stage;
  author: { id: string; name: string };
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface VersionDocument {
  serviceId: string;
  version: number;
  stage: Stage;
  author: { id: string; name: string };
  createdAt: string;
  document: ServiceDescription;
}

export interface Change {
  op: 'add' | 'remove' | 'replace';
  path: string;
  from?: unknown;
  to?: unknown;
}
export interface Diff {
  serviceId: string;
  from: number;
  to: number;
  changes: Change[];
}

export interface ReviewItem {
  serviceId: string;
  version: number;
  stage: 'agency_review' | 'catalogue_review';
  agencyId: string;
  title: Localized;
  publishedVersion: number | null;
  author: { id: string; name: string };
  submittedAt: string | null;
}

export interface Reminder {
  id: string;
  audience: string;
  agencyId: string | null;
  serviceId: string;
  kind: string;
  subject: Localized;
  body: Localized;
  createdAt: string;
}

/** An office as GET /api/v1/offices lists it. */
export interface Office extends OfficeInfo {
  kind: string;
  agencyId: string | null;
  municipalityCode: string | null;
}
/** A service as GET /api/v1/services lists it (for related services). */
export interface ServiceRef {
  id: string;
  agencyId: string;
  title: Localized;
}
