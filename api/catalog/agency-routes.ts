// Integration API 2: agencies manage their own service descriptions (create, change, retrieve, list, withdraw), with
// every change kept as a version, a diff between versions, and the multi-step publication; reviewers decide here too.
import { route } from '../platform/routing';
import { ApiError, conflict, notFound, unprocessable } from '../platform/errors';
import { mapTemporal } from '../platform/temporal-errors';
import { updateWorkflow } from '../platform/temporal';
import {
  authorOf,
  changeService,
  createService,
  healPublicationWorkflow,
  markReviewed,
  submitService,
  withdrawFromCatalog,
} from './commands';
import {
  entryDetail,
  entryDetailExists,
  listEntries,
  listVersions,
  markReminderRead,
  remindersFor,
  reviewQueue,
  scopeOf,
  staleList,
  versionDocument,
} from './queries';
import { diffDocuments } from './diff';
import { catalogPublicationWorkflowId, decideReviewUpdate, type PublicationState } from '../../workflows/catalog/api';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Catalogue management';
// Integration API 2 is for agency systems as much as for people: an agency's own system may manage its descriptions.
const OWNERS = ['agency-admin', 'agency-system'] as const;
const READERS = ['agency-admin', 'agency-system', 'agency-approver', 'catalogue-admin'] as const;
const BASE = '/api/v1/agency/catalog/services';

function versionParam(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw notFound('version');
  return v;
}

export const catalogAgencyRoutes = [
  route<Validated<'catalog-service-create'>>({
    method: 'post',
    path: BASE,
    tag: TAG,
    summary: 'Describe a new service (version 1, a draft)',
    auth: OWNERS,
    body: 'catalog-service-create',
    bodyLimit: '512kb',
    responses: {
      201: { description: 'Created', schema: 'catalog-version-stage' },
      409: { description: 'The id is taken', schema: 'error' },
      422: { description: 'Unknown codes, offices or services', schema: 'error' },
    },
    async handler(ctx) {
      const created = await createService(ctx.deps.db.pool, authorOf(ctx.principal), ctx.body.description, ctx.body.reviewBy);
      return { status: 201, headers: { Location: `${BASE}/${created.serviceId}` }, body: { ...created, stage: 'draft' } };
    },
  }),
  route({
    method: 'get',
    path: BASE,
    tag: TAG,
    summary: "Your agency's descriptions (all agencies' for the catalogue administrator)",
    auth: READERS,
    responses: {
      200: { description: 'Entries with their latest version, stage and review date', schema: 'get-agency-catalog-services-response' },
    },
    async handler(ctx) {
      return { body: { items: await listEntries(ctx.deps.db.pool, scopeOf(ctx.principal)) } };
    },
  }),
  route({
    method: 'get',
    path: `${BASE}/:id`,
    tag: TAG,
    summary: 'One description: the latest version, its stage and the review trail',
    auth: READERS,
    responses: {
      200: { description: 'The entry', schema: 'get-agency-catalog-services-id-response' },
      404: { description: 'Not yours or no such service', schema: 'error' },
    },
    async handler(ctx) {
      return { body: await entryDetail(ctx.deps.db.pool, scopeOf(ctx.principal), ctx.params.id) };
    },
  }),
  route<Validated<'catalog-service-change'>>({
    method: 'put',
    path: `${BASE}/:id`,
    tag: TAG,
    summary: 'Change a description: stored as a new version (the published one stays live)',
    auth: OWNERS,
    body: 'catalog-service-change',
    bodyLimit: '512kb',
    responses: {
      200: { description: 'The new version', schema: 'catalog-version-stage' },
      409: { description: 'Stale base version, or in review', schema: 'error' },
      422: { description: 'Inconsistent', schema: 'error' },
    },
    async handler(ctx) {
      const { version } = await changeService(
        ctx.deps.db.pool,
        authorOf(ctx.principal),
        ctx.params.id,
        ctx.body.baseVersion,
        ctx.body.description,
        ctx.body.comment,
      );
      return { body: { serviceId: ctx.params.id, version, stage: 'draft' } };
    },
  }),
  route({
    method: 'get',
    path: `${BASE}/:id/versions`,
    tag: TAG,
    summary: 'Every version with its author, time and stage',
    auth: READERS,
    responses: { 200: { description: 'Versions, newest first', schema: 'get-agency-catalog-services-id-versions-response' } },
    async handler(ctx) {
      return { body: { items: await listVersions(ctx.deps.db.pool, scopeOf(ctx.principal), ctx.params.id) } };
    },
  }),
  route({
    method: 'get',
    path: `${BASE}/:id/versions/:version`,
    params: { version: 'versionNumber' },
    tag: TAG,
    summary: 'One version as it was written',
    auth: READERS,
    responses: {
      200: { description: 'The version', schema: 'get-agency-catalog-services-id-versions-version-response' },
      404: { description: 'No such version', schema: 'error' },
    },
    async handler(ctx) {
      return { body: await versionDocument(ctx.deps.db.pool, scopeOf(ctx.principal), ctx.params.id, versionParam(ctx.params.version)) };
    },
  }),
  route<unknown, Validated<'catalog-diff-query'>>({
    method: 'get',
    path: `${BASE}/:id/diff`,
    tag: TAG,
    summary: 'What changed between two versions (JSON-pointer operations with both sides)',
    auth: READERS,
    query: 'catalog-diff-query',
    responses: {
      200: { description: 'The changes', schema: 'get-agency-catalog-services-id-diff-response' },
      404: { description: 'No such version', schema: 'error' },
    },
    async handler(ctx) {
      const scope = scopeOf(ctx.principal);
      const [from, to] = await Promise.all(
        [ctx.query.from, ctx.query.to].map((v) => versionDocument(ctx.deps.db.pool, scope, ctx.params.id, v)),
      );
      return { body: { serviceId: ctx.params.id, from: from.version, to: to.version, changes: diffDocuments(from.document, to.document) } };
    },
  }),
  route<Validated<'catalog-submit'>>({
    method: 'post',
    path: `${BASE}/:id/submit`,
    tag: TAG,
    summary: "Send the latest version to review (the agency's approver, then the catalogue administrator)",
    auth: OWNERS,
    body: 'catalog-submit',
    responses: {
      202: { description: 'In review', schema: 'post-agency-catalog-services-id-submit-response' },
      409: { description: 'Nothing to submit', schema: 'error' },
    },
    async handler(ctx) {
      const result = await mapTemporal(
        submitService(
          ctx.deps.db.pool,
          ctx.deps.temporal,
          ctx.deps.config.taskQueue,
          authorOf(ctx.principal),
          ctx.params.id,
          ctx.body.comment,
        ),
      );
      return { status: 202, body: { serviceId: ctx.params.id, ...result } };
    },
  }),
  route<Validated<'catalog-withdraw'>>({
    method: 'post',
    path: `${BASE}/:id/withdraw`,
    tag: TAG,
    summary: 'Take the service out of the public catalogue (the versions stay on record)',
    auth: OWNERS,
    body: 'catalog-withdraw',
    responses: {
      200: { description: 'Withdrawn', schema: 'post-agency-catalog-services-id-withdraw-response' },
      409: { description: 'Already withdrawn', schema: 'error' },
    },
    async handler(ctx) {
      const { version } = await withdrawFromCatalog(
        ctx.deps.db.pool,
        ctx.deps.temporal,
        ctx.deps.config.taskQueue,
        authorOf(ctx.principal),
        ctx.params.id,
        ctx.body.reason,
      );
      return { body: { serviceId: ctx.params.id, version, withdrawn: true } };
    },
  }),
  route<Validated<'catalog-reviewed'>>({
    method: 'post',
    path: `${BASE}/:id/reviewed`,
    tag: TAG,
    summary: 'Reviewed, nothing to change: moves the review-by date in one step',
    auth: OWNERS,
    body: 'catalog-reviewed',
    responses: {
      200: { description: 'The new review-by date', schema: 'post-agency-catalog-services-id-reviewed-response' },
      422: { description: 'Date out of range', schema: 'error' },
    },
    async handler(ctx) {
      return {
        body: {
          serviceId: ctx.params.id,
          ...(await markReviewed(ctx.deps.db.pool, authorOf(ctx.principal), ctx.params.id, ctx.body.reviewBy)),
        },
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/catalog/reviews',
    tag: TAG,
    summary: 'Versions waiting for your decision',
    auth: ['agency-approver', 'catalogue-admin'],
    responses: { 200: { description: 'The review queue', schema: 'get-catalog-reviews-response' } },
    async handler(ctx) {
      return { body: { items: await reviewQueue(ctx.deps.db.pool, ctx.principal) } };
    },
  }),
  route<Validated<'catalog-review-decision'>>({
    method: 'post',
    path: '/api/v1/catalog/reviews/:serviceId/:version',
    params: { version: 'versionNumber' },
    tag: TAG,
    summary: 'Approve (to the next step, or publish at the last) or return to the author with comments',
    auth: ['agency-approver', 'catalogue-admin'],
    body: 'catalog-review-decision',
    responses: {
      200: { description: 'The stage the decision led to', schema: 'post-catalog-reviews-service-id-version-response' },
      403: { description: 'Not your step, or your own version', schema: 'error' },
      409: { description: 'Not waiting for a decision', schema: 'error' },
      422: { description: 'Returning without a comment', schema: 'error' },
    },
    async handler(ctx) {
      const version = versionParam(ctx.params.version);
      const scope = scopeOf(ctx.principal);
      await entryDetailExists(ctx.deps.db.pool, scope, ctx.params.serviceId);
      const p = ctx.principal;
      const decision = {
        decision: ctx.body.decision,
        comment: ctx.body.comment ?? null,
        reviewer: { id: p.sub, name: p.name, roles: p.roles, agency: p.agency ?? null },
      };
      const state = await updateWorkflow<PublicationState>(
        ctx.deps,
        catalogPublicationWorkflowId(ctx.params.serviceId, version),
        decideReviewUpdate,
        decision,
        {
          href: `/api/v1/agency/catalog/services/${ctx.params.serviceId}`,
          whenGone: async () => {
            if (
              !(await healPublicationWorkflow(
                ctx.deps.db.pool,
                await ctx.deps.temporal(),
                ctx.deps.config.taskQueue,
                ctx.params.serviceId,
                version,
              ))
            ) {
              return conflict('review_not_in_review', 'This version is not waiting for a review decision.');
            }
            return new ApiError(503, 'temporarily_unavailable', 'The review is just starting; try again in a moment.', [], {
              'Retry-After': '1',
            });
          },
        },
      );
      if (state.stage === 'withdrawn') throw unprocessable('withdrawn', 'The service was withdrawn while in review.');
      return { body: { serviceId: ctx.params.serviceId, version, stage: state.stage } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/catalog/stale',
    tag: TAG,
    summary: 'Published descriptions due for review soon or overdue (all agencies for the catalogue administrator)',
    auth: READERS,
    responses: { 200: { description: 'The stale list, overdue first', schema: 'get-catalog-stale-response' } },
    async handler(ctx) {
      return { body: { items: await staleList(ctx.deps.db.pool, scopeOf(ctx.principal)) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/staff/reminders',
    tag: TAG,
    summary: 'Your reminders (review due, overdue)',
    auth: READERS,
    responses: { 200: { description: 'Reminders, newest first', schema: 'get-staff-reminders-response' } },
    async handler(ctx) {
      return { body: { items: await remindersFor(ctx.deps.db.pool, ctx.principal) } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff/reminders/:id/read',
    tag: TAG,
    summary: 'Mark one of your reminders as read',
    auth: READERS,
    responses: { 204: { description: 'Marked' }, 404: { description: 'Not one of yours', schema: 'error' } },
    async handler(ctx) {
      if (!(await markReminderRead(ctx.deps.db.pool, ctx.principal, ctx.params.id))) throw notFound('reminder');
      return { status: 204 };
    },
  }),
];
