// The review trail of a description (catalog_review_events): who created, changed, submitted, approved, returned,
// published, withdrew or reviewed which version, when, and why. A reviewer's decision carries the idempotency key
// of its activity, so a retried decision is recorded once.
import { catalogModels, type ModelScope, type ReviewAction, type ReviewStep } from './models';

export type { ReviewAction, ReviewStep };

export interface NewReviewEvent {
  serviceId: string;
  version: number;
  action: ReviewAction;
  step: ReviewStep;
  actor: { id: string; name: string };
  comment?: string | null;
  idempotencyKey?: string;
}

export async function recordReviewEvent(on: ModelScope, e: NewReviewEvent): Promise<void> {
  const { reviewEvents, transaction } = catalogModels(on);
  await reviewEvents.create(
    {
      serviceId: e.serviceId,
      version: e.version,
      action: e.action,
      step: e.step,
      actorId: e.actor.id,
      actorName: e.actor.name,
      comment: e.comment ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
    },
    { transaction },
  );
}

export interface ReviewEvent {
  version: number;
  action: ReviewAction;
  step: ReviewStep | null;
  actorId: string;
  actorName: string;
  comment: string | null;
  at: Date;
}

/** The service's trail, in the order it happened. */
export async function reviewEvents(on: ModelScope, serviceId: string): Promise<ReviewEvent[]> {
  const { reviewEvents: events, transaction } = catalogModels(on);
  const found = await events.findAll({
    attributes: ['version', 'action', 'step', 'actorId', 'actorName', 'comment', 'at'],
    where: { serviceId },
    order: [['id', 'ASC']],
    transaction,
  });
  return found.map((e) => ({
    version: e.version,
    action: e.action,
    step: e.step,
    actorId: e.actorId,
    actorName: e.actorName,
    comment: e.comment,
    at: e.at,
  }));
}

/** Whether the decision with this idempotency key is recorded already. */
export async function decisionRecorded(on: ModelScope, idempotencyKey: string): Promise<boolean> {
  const { reviewEvents: events, transaction } = catalogModels(on);
  return (await events.findOne({ attributes: ['id'], where: { idempotencyKey }, transaction })) !== null;
}
