// The catalogue's workflows: multi-step publication of a service description version (the agency's approver, then
// the catalogue administrator; either may return it to the author with comments), the delivery of each change to
// the external portals' webhooks, and the daily freshness check run by a Temporal Schedule.
import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { CatalogActivities } from '../../activities/catalog';
import {
  catalogChangeWorkflowId,
  decideReviewUpdate,
  publicationStateQuery,
  REVIEW_REFUSALS,
  serviceWithdrawnSignal,
  type CatalogChangeInput,
  type PublicationInput,
  type PublicationState,
  type ReviewDecision,
  type ReviewStage,
} from './api';

const acts = proxyActivities<CatalogActivities>({
  startToCloseTimeout: '30 seconds',
  // Database work: 1 s doubling to 1 min, for about three hours.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 200 },
});

const delivery = proxyActivities<CatalogActivities>({
  startToCloseTimeout: '30 seconds',
  // A partner portal that is down for up to a day still gets every change: 2 s doubling to 30 min, for 24 hours.
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

export async function catalogPublicationWorkflow(input: PublicationInput): Promise<PublicationState> {
  let stage: string = input.stage;
  let pending: ReviewDecision | null = null;
  let decided = 0;
  let withdrawn = false;

  setHandler(publicationStateQuery, () => ({ stage }));
  setHandler(serviceWithdrawnSignal, () => {
    withdrawn = true;
  });
  setHandler(
    decideReviewUpdate,
    async (decision) => {
      const before = decided;
      pending = decision;
      await condition(() => decided > before);
      return { stage };
    },
    {
      validator: (d) => {
        const refuse = (type: string, message: string) => {
          throw ApplicationFailure.create({ type, message, nonRetryable: true });
        };
        if (withdrawn || pending || (stage !== 'agency_review' && stage !== 'catalogue_review'))
          refuse(REVIEW_REFUSALS.notInReview, 'This version is not waiting for a review decision.');
        if (stage === 'agency_review' && !(d.reviewer.roles.includes('agency-approver') && d.reviewer.agency === input.agencyId)) {
          refuse(REVIEW_REFUSALS.notYourStep, "The owning agency's approver decides at this step.");
        }
        if (stage === 'catalogue_review' && !d.reviewer.roles.includes('catalogue-admin'))
          refuse(REVIEW_REFUSALS.notYourStep, 'The catalogue administrator decides at this step.');
        if (d.reviewer.id === input.authorId)
          refuse(REVIEW_REFUSALS.ownVersion, 'The author of a version does not approve it (four eyes).');
        if (d.decision === 'return' && !d.comment?.trim())
          refuse(REVIEW_REFUSALS.commentRequired, 'Say what to change when returning a description.');
      },
    },
  );

  // Every decision is checked against the database's stage when it is recorded (recordCatalogDecision).

  let step = 0;
  for (;;) {
    await condition(() => pending !== null || withdrawn);
    if (withdrawn) {
      stage = 'withdrawn';
      decided += 1;
      return { stage };
    }
    const d = pending as unknown as ReviewDecision;
    step += 1;
    try {
      const result = await acts.recordCatalogDecision({
        serviceId: input.serviceId,
        version: input.version,
        from: stage as ReviewStage,
        decision: d.decision,
        reviewer: { id: d.reviewer.id, name: d.reviewer.name },
        comment: d.comment ?? null,
        idempotencyKey: `${workflowInfo().workflowId}:${step}`,
      });
      stage = result.stage;
      if (result.changeSeq) {
        await startChild(catalogChangeWorkflow, {
          workflowId: catalogChangeWorkflowId(result.changeSeq),
          args: [{ seq: result.changeSeq }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
      }
    } catch (e) {
      if (!(e instanceof ActivityFailure && e.cause instanceof ApplicationFailure && e.cause.type === 'stage_changed')) throw e;
      stage = (await acts.catalogVersionStage({ serviceId: input.serviceId, version: input.version })) ?? 'unknown';
    }
    pending = null;
    decided += 1;
    if (stage !== 'agency_review' && stage !== 'catalogue_review') return { stage };
  }
}

/** Tells every subscribed portal about one change of the catalogue, each delivery retried on its own. */
export async function catalogChangeWorkflow(input: CatalogChangeInput): Promise<{ delivered: number; failed: number }> {
  const webhookIds = await acts.webhooksForChange({ seq: input.seq });
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    webhookIds.map(async (webhookId) => {
      try {
        await delivery.deliverCatalogWebhook({ webhookId, seq: input.seq });
        delivered += 1;
      } catch {
        failed += 1;
        await acts.markCatalogWebhookFailed({ webhookId, seq: input.seq });
      }
    }),
  );
  return { delivered, failed };
}

/** Run daily by the `catalog-freshness` schedule: reminds owners before review-by dates and escalates overdue ones. */
export async function catalogFreshnessWorkflow(): Promise<{ dueSoon: number; overdue: number }> {
  return acts.remindAboutReviews();
}
