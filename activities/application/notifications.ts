// What the interpreter tells the recipient: each status to their official e-address, and the definition's own
// notifications to the e-address and to the e-mail and SMS channels they chose in their profile, each once per key.
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { Text } from '../../forms/eservice-definition/dsl';
import { STATUS_NAMES, type CaseStatus } from '../../db/domain/case-status';
import { eAddressDelivery, insertNotification, recordEAddressDelivery, setNotificationMessageId } from '../../db/applications/messages';
import { SystemRejectedError } from '../adapters/contracts/common';
import { NoMailboxError } from '../adapters/contracts/e-address';
import type { Adapters } from '../adapters';
import { notifyByProfileChannels } from '../profile-notify';
import { recipientOf } from './case-recipient';

export function createNotificationActivities({ pool, adapters }: { pool: Pool; adapters: Adapters }) {
  /** Sends once per key; a recipient without a mailbox is recorded as skipped, a refusal is final. */
  async function sendToEAddress(caseId: string, idempotencyKey: string, subject: string, body: string): Promise<string | null> {
    const done = await eAddressDelivery(pool, idempotencyKey);
    if (done) return done.messageId;
    const r = await recipientOf(pool, caseId);
    const recipient = { type: r.recipient_type, id: r.recipient_id };
    try {
      let messageId: string | null = null;
      let skipped: string | null = null;
      try {
        const receipt = await adapters.eAddress.send(
          { recipient, sender: { agencyId: r.agency_id, name: r.agency_name }, subject, body, caseId },
          { idempotencyKey },
        );
        messageId = receipt.messageId;
      } catch (e) {
        if (!(e instanceof NoMailboxError)) throw e;
        skipped = 'no_mailbox';
      }
      await recordEAddressDelivery(pool, { idempotencyKey, caseId, messageId, skippedReason: skipped });
      return messageId;
    } catch (e) {
      if (e instanceof SystemRejectedError)
        throw ApplicationFailure.create({ type: 'SystemRejectedError', message: e.message, nonRetryable: true });
      throw e;
    }
  }

  return {
    async deliverStatusToEAddress(req: {
      caseId: string;
      status: string;
      label: Text | null;
      idempotencyKey: string;
    }): Promise<string | null> {
      const name = STATUS_NAMES[req.status as CaseStatus] ?? { lv: req.status, en: req.status };
      const subject = `Pieteikums ${req.caseId}: ${name.lv} / Application ${req.caseId}: ${name.en}`;
      const body = [
        `Statuss: ${name.lv}${req.label ? ` — ${req.label.lv}` : ''}`,
        `Status: ${name.en}${req.label ? ` — ${req.label.en}` : ''}`,
      ].join('\n');
      return sendToEAddress(req.caseId, `${req.idempotencyKey}/e-address`, subject, body);
    },

    async notifyRecipient(req: { caseId: string; idempotencyKey: string; subject: Text; body: Text }): Promise<void> {
      const r = await recipientOf(pool, req.caseId);
      await insertNotification(pool, {
        id: req.idempotencyKey,
        caseId: req.caseId,
        recipient: { type: r.recipient_type, id: r.recipient_id },
        subject: req.subject,
        body: req.body,
      });
      const messageId = await sendToEAddress(
        req.caseId,
        `${req.idempotencyKey}/e-address`,
        `${req.subject.lv} / ${req.subject.en}`,
        `${req.body.lv}\n\n${req.body.en}`,
      );
      if (messageId) await setNotificationMessageId(pool, req.idempotencyKey, messageId);
      // And to the e-mail and SMS channels the recipient chose in their profile, once per channel.
      await notifyByProfileChannels(pool, adapters, {
        recipient: { type: r.recipient_type, id: r.recipient_id },
        caseId: req.caseId,
        idempotencyKey: req.idempotencyKey,
        subject: req.subject,
        body: req.body,
      });
    },
  };
}
