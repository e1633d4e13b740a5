// Notifications by e-mail and SMS to the channels the recipient chose in their profile (confirmed contacts only, in
// their language), beside the portal inbox and the e-address. Once per notification and channel: the delivery row
// of db/profile/deliveries.ts is keyed by the notification's idempotency key and the channel, so a retried activity
// never sends twice. A server that does not answer fails the activity (retried); an address the server refuses for
// good is logged and skipped, the other channels still go.
import { Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { Text } from '../forms/eservice-definition/dsl';
import type { Adapters } from './adapters';
import { SystemRejectedError } from './adapters/contracts/common';
import { audit } from '../db/audit';
import { deliverOnce, notificationTargets } from '../db/profile/deliveries';

export interface ProfileNotification {
  recipient: { type: string; id: string };
  caseId: string;
  idempotencyKey: string;
  subject: Text;
  body: Text;
}

function logger() {
  try {
    return Context.current().log;
  } catch {
    return console; // outside an activity (a unit test calling it directly)
  }
}

export async function notifyByProfileChannels(
  pool: Pool,
  adapters: Pick<Adapters, 'mailSender' | 'smsSender'>,
  n: ProfileNotification,
): Promise<void> {
  if (n.recipient.type !== 'natural') return;
  const personalCode = n.recipient.id;
  const { language, targets } = await notificationTargets(pool, personalCode);
  for (const target of targets) {
    const idempotencyKey = `${n.idempotencyKey}/${target.channel}`;
    const subject = n.subject[language];
    const text = n.body[language];
    try {
      const sent = await deliverOnce(pool, { idempotencyKey, personalCode, caseId: n.caseId, ...target }, async () =>
        target.channel === 'email'
          ? (await adapters.mailSender.send({ to: target.address, subject, text }, { idempotencyKey })).messageId
          : (await adapters.smsSender.send({ to: target.address, text: `${subject}: ${text}` }, { idempotencyKey })).messageId,
      );
      if (!sent.duplicate) {
        await audit(pool, {
          actor: { type: 'system', id: 'notify' },
          subject: { type: 'natural', id: personalCode },
          action: 'read',
          resource: `profile:contact:${target.channel === 'email' ? 'email' : 'phone'}`,
          purpose: 'notify',
          details: { caseId: n.caseId, channel: target.channel },
        });
      }
    } catch (e) {
      if (!(e instanceof SystemRejectedError)) throw e;
      logger().warn(`notification ${idempotencyKey} refused by ${e.system}: ${e.message}`);
    }
  }
}
