// E-address simulator (the official electronic mailbox, DEPP-like). Messages are kept in memory per process.
//   POST /messages (header Idempotency-Key) → 201 { messageId, duplicate: false }; the same key again →
//        200 { messageId (the first one), duplicate: true } and nothing new is stored; no mailbox → 422
//   GET  /messages?recipientType=&recipientId= → { items: WireMessage[] } (what tests count deliveries with)
//   GET  /mailboxes/:type/:id → { type, id, active: true } | 404
import crypto from 'node:crypto';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { mailboxExists, type RecipientType, type WireMessage } from './data';

const str = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Problems with a message body; empty when it can be delivered. */
function messageProblems(body: Record<string, unknown>): string[] {
  const recipient = body.recipient as Record<string, unknown> | undefined;
  const sender = body.sender as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (!recipient || !['natural', 'legal', 'eidas'].includes(recipient.type as string) || !str(recipient.id, 300)) {
    problems.push('recipient must be { type: natural|legal|eidas, id }');
  }
  if (!sender || !str(sender.agencyId, 100) || !str(sender.name, 300)) problems.push('sender must be { agencyId, name }');
  if (!str(body.subject, 500)) problems.push('subject must be a non-empty text of at most 500 characters');
  if (typeof body.body !== 'string' || body.body.length > 100_000) problems.push('body must be a text of at most 100000 characters');
  if (body.caseId !== undefined && body.caseId !== null && !str(body.caseId, 100)) problems.push('caseId must be a text');
  return problems;
}

export async function startEAddressSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp('e-address', opts);
  const messages: WireMessage[] = [];
  const byKey = new Map<string, WireMessage>();

  app.post('/messages', (req, res) => {
    const key = req.get('Idempotency-Key');
    if (!key) {
      res.status(400).json(errorBody('missing_idempotency_key', 'Send an Idempotency-Key header so a retry is not delivered twice.'));
      return;
    }
    const earlier = byKey.get(key);
    if (earlier) {
      res.status(200).json({ messageId: earlier.messageId, duplicate: true });
      return;
    }
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const problems = messageProblems(body);
    if (problems.length) {
      res.status(400).json(
        errorBody(
          'invalid_message',
          'The message is not valid.',
          problems.map((message) => ({ code: 'invalid', message })),
        ),
      );
      return;
    }
    const recipient = body.recipient as { type: RecipientType; id: string };
    if (!mailboxExists(recipient.type, recipient.id)) {
      res.status(422).json(errorBody('no_mailbox', `The ${recipient.type} person ${recipient.id} has no active e-address mailbox.`));
      return;
    }
    const sender = body.sender as { agencyId: string; name: string };
    const message: WireMessage = {
      messageId: crypto.randomUUID(),
      idempotencyKey: key,
      recipient: { type: recipient.type, id: recipient.id },
      sender: { agencyId: sender.agencyId, name: sender.name },
      subject: body.subject as string,
      body: body.body as string,
      caseId: (body.caseId as string | undefined) ?? null,
      receivedAt: new Date().toISOString(),
    };
    messages.push(message);
    byKey.set(key, message);
    res.status(201).json({ messageId: message.messageId, duplicate: false });
  });

  app.get('/messages', (req, res) => {
    const { recipientType, recipientId } = req.query;
    const items = messages.filter(
      (m) =>
        (typeof recipientType !== 'string' || m.recipient.type === recipientType) &&
        (typeof recipientId !== 'string' || m.recipient.id === recipientId),
    );
    res.json({ items });
  });

  app.get('/mailboxes/:type/:id', (req, res) => {
    const { type, id } = req.params;
    if (!mailboxExists(type, id)) res.status(404).json(errorBody('mailbox_not_found', `No active e-address mailbox for ${type} ${id}.`));
    else res.json({ type, id, active: true });
  });

  return listen(app, opts);
}
