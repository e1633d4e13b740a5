// The catalogue shapes the UI reads from the API: the description document (forms/api/catalog-service-description
// .schema.json, db/catalog/description.ts), the public catalogue (api/catalog/public-presenter.ts) and the agency
// management and review API (api/catalog/queries.ts, api/catalog/agency-routes.ts): all generated from their schemas.
import type {
  CatalogEntry,
  CatalogServiceDescription,
  CatalogStage,
  CatalogVersionStage,
  GetAgencyCatalogServicesResponse,
  GetAgencyCatalogServicesIdDiffResponse,
  GetAgencyCatalogServicesIdResponse,
  GetAgencyCatalogServicesIdVersionsVersionResponse,
  GetAgencyCatalogServicesIdVersionsResponse,
  GetCatalogReviewsResponse,
  GetCatalogServicesIdResponse,
  GetCatalogServicesResponse,
  GetCatalogStaleResponse,
  GetCatalogTaxonomyResponse,
  GetOfficesResponse,
  GetServicesResponse,
  GetStaffRemindersResponse,
  Item,
  OfficeInfo,
  PostAgencyCatalogServicesIdReviewedResponse,
  PostAgencyCatalogServicesIdSubmitResponse,
  PostCatalogReviewsServiceIdVersionResponse,
  ServiceChannel,
} from '../../../forms/types/api';

// The description document's types are generated from its schema (npm run generate:types).
export type ChannelType = ServiceChannel['type'];
export const CHANNEL_TYPES: readonly ChannelType[] = ['eservice', 'in_person', 'phone', 'email', 'post'];

export type DescribedItem = Item;
export type LegalAct = ServiceDescription['legalBasis'][number];
export type ChannelDescription = ServiceChannel;
export type ServiceDescription = CatalogServiceDescription;

/** An office as a published service shows it (with address and opening hours). */
export type { OfficeInfo };
export type OpeningHours = OfficeInfo['openingHours'][number];

// ---- public catalogue ----

/** GET /api/v1/catalog/services: a page of the search. */
export type SearchResult = GetCatalogServicesResponse;
export type SearchItem = SearchResult['items'][number];

/** GET /api/v1/catalog/services/:id: the published description, its codes labelled and offices expanded. */
export type PublishedService = GetCatalogServicesIdResponse;

export type Scheme = 'thematic-area' | 'life-event' | 'business-event' | 'channel';

/** GET /api/v1/catalog/taxonomy. */
export type Taxonomy = GetCatalogTaxonomyResponse;

// ---- agency management and review ----

export type Stage = CatalogStage;

export type { CatalogEntry };

// The replies of the agency and review routes, as the pages read them.
/** POST and PUT /api/v1/agency/catalog/services(/:id): the version saved and its stage. */
export type SavedVersion = CatalogVersionStage;
/** GET /api/v1/agency/catalog/services. */
export type AgencyEntries = GetAgencyCatalogServicesResponse;
/** GET /api/v1/catalog/stale. */
export type StaleEntries = GetCatalogStaleResponse;
/** POST /api/v1/agency/catalog/services/:id/reviewed: the new review-by date. */
export type Reviewed = PostAgencyCatalogServicesIdReviewedResponse;
/** POST /api/v1/agency/catalog/services/:id/submit. */
export type Submitted = PostAgencyCatalogServicesIdSubmitResponse;
/** POST /api/v1/catalog/reviews/:serviceId/:version: the stage the decision led to. */
export type Decided = PostCatalogReviewsServiceIdVersionResponse;

export type ReviewEvent = CatalogEntryDetail['events'][number];
export type ReviewAction = ReviewEvent['action'];

/** GET /api/v1/agency/catalog/services/:id: the entry with its latest document and review history. */
export type CatalogEntryDetail = GetAgencyCatalogServicesIdResponse;

export type VersionSummary = GetAgencyCatalogServicesIdVersionsResponse['items'][number];
export type VersionList = GetAgencyCatalogServicesIdVersionsResponse;

/** One version of a description (GET /api/v1/agency/catalog/services/:id/versions/:version). */
export type VersionDocument = GetAgencyCatalogServicesIdVersionsVersionResponse;

/** What changed between two versions (GET /api/v1/agency/catalog/services/:id/diff). */
export type Diff = GetAgencyCatalogServicesIdDiffResponse;
export type Change = Diff['changes'][number];

/** A version waiting for the caller's decision (GET /api/v1/catalog/reviews). */
export type ReviewItem = GetCatalogReviewsResponse['items'][number];
export type ReviewQueueReply = GetCatalogReviewsResponse;

export type Reminder = GetStaffRemindersResponse['items'][number];
export type Reminders = GetStaffRemindersResponse;

/** An office as GET /api/v1/offices lists it. */
export type Office = GetOfficesResponse['items'][number];
export type Offices = GetOfficesResponse;
/** A service as GET /api/v1/services lists it (for related services). */
export type ServiceRef = GetServicesResponse['items'][number];
export type ServiceRefs = GetServicesResponse;
