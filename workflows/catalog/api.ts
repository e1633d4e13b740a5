// The catalogue's workflows as the API sees them: their ids, inputs and messages. Only `define*` calls and types,
// so Node code imports it without workflow code. The names are in running workflows' histories: they never change.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Reviewer } from '../../activities/catalog';

/** The business id of one version's publication workflow. */
export const catalogPublicationWorkflowId = (serviceId: string, version: number) => `catalog-publication:${serviceId}:v${version}`;
/** The business id of the workflow delivering one catalogue change to the portals' webhooks. */
export const catalogChangeWorkflowId = (seq: number) => `catalog-change:${seq}`;
/** The Temporal Schedule that starts the freshness check daily, and the id its runs start from. */
export const CATALOG_FRESHNESS_SCHEDULE_ID = 'catalog-freshness';
export const CATALOG_FRESHNESS_RUN_ID = 'catalog-freshness-run';
/** The workflow types the worker registers (workflows/index.ts exports functions of these names). */
export const CATALOG_PUBLICATION_WORKFLOW = 'catalogPublicationWorkflow';
export const CATALOG_CHANGE_WORKFLOW = 'catalogChangeWorkflow';
export const CATALOG_FRESHNESS_WORKFLOW = 'catalogFreshnessWorkflow';

export type ReviewStage = 'agency_review' | 'catalogue_review';
export interface PublicationInput {
  serviceId: string;
  version: number;
  agencyId: string;
  authorId: string;
  /** The stage the database shows when the workflow starts (a healed workflow may start at the catalogue step). */
  stage: ReviewStage;
}
export interface ReviewDecision {
  decision: 'approve' | 'return';
  comment?: string | null;
  reviewer: Reviewer & { roles: string[]; agency?: string | null };
}
export interface PublicationState {
  stage: string;
}
export interface CatalogChangeInput {
  seq: number;
}

export const decideReviewUpdate = defineUpdate<PublicationState, [ReviewDecision]>('decideReview');
export const serviceWithdrawnSignal = defineSignal('serviceWithdrawn');
export const publicationStateQuery = defineQuery<PublicationState>('publicationState');

/** Stable ids of refusals, mapped by the API to error codes. */
export const REVIEW_REFUSALS = {
  notYourStep: 'review_not_your_step',
  ownVersion: 'review_own_version',
  commentRequired: 'review_comment_required',
  notInReview: 'review_not_in_review',
} as const;
