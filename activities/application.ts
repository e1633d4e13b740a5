// Activities of the e-service interpreter. Every one is idempotent: its key comes from the workflow and the step,
// so a retry after a crash writes no second status, task, document or message.
import crypto from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { EServiceDefinition, TaskOutcome, Text } from '../forms/eservice-definition/dsl';
import type { Actor } from '../workflows/application/api';
import { STATUS_NAMES, type CaseStatus } from '../db/domain/case-status';
import { DomainError } from '../db/domain/domain-error';
import { appendStatus } from '../db/cases/append-status';
import { appendInfoAnswer, markSubmitted, mergePrefill, setWaitingReason } from '../db/applications/applications';
import { republishCurrentStatus } from '../db/cases/status-events';
import { caseRecipient } from '../db/cases/read-cases';
import { audit } from '../db/audit';
import { SystemRejectedError, SystemUnavailableError } from './adapters/contracts/common';
import type { Adapters } from './adapters';
import { NoMailboxError } from './adapters/contracts/e-address';
import { renderPdf } from './documents/pdf';
import { durationMs } from '../forms/eservice-definition/expressions';
import { createInvoice } from '../db/billing/invoices';

/** The same for every attempt of one scheduled activity: its workflow and activity id. */
function activityKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.workflowId ?? info.activityType}/activity:${info.activityId}`;
}

export interface ApplicationActivityDeps {
  pool: Pool;
  adapters: Adapters;
}

const definitionError = (message: string) => ApplicationFailure.create({ type: 'DefinitionError', message, nonRetryable: true });

function registerCall(
  adapters: Adapters,
  register: string,
  operation: string,
  args: Record<string, unknown>,
  ctx: { idempotencyKey: string },
): Promise<unknown> | null {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  switch (`${register}.${operation}`) {
    case 'population-register.getPerson':
      return adapters.populationRegister.getPerson(s(args.personalCode), ctx);
    case 'population-register.getDeclaredAddress':
      return adapters.populationRegister.getDeclaredAddress(s(args.personalCode), ctx);
    case 'address-register.search':
      return adapters.addressRegister.search(s(args.text), Number(args.limit ?? 10), ctx);
    case 'address-register.validate':
      return adapters.addressRegister.validate(
        { ...(args.code ? { code: s(args.code) } : {}), ...(args.text ? { text: s(args.text) } : {}) },
        ctx,
      );
    case 'enterprise-register.getCompany':
      return adapters.enterpriseRegister.getCompany(s(args.registrationNumber), ctx);
    case 'enterprise-register.companiesOfBoardMember':
      return adapters.enterpriseRegister.companiesOfBoardMember(s(args.personalCode), ctx);
    default:
      return null;
  }
}

export function createApplicationActivities({ pool, adapters }: ApplicationActivityDeps) {
  async function recipientOf(caseId: string) {
    const recipient = await caseRecipient(pool, caseId);
    if (!recipient) throw definitionError(`case ${caseId} not found`);
    return recipient;
  }

  async function sendToEAddress(caseId: string, idempotencyKey: string, subject: string, body: string): Promise<string | null> {
    const done = await pool.query('SELECT message_id FROM e_address_deliveries WHERE idempotency_key = $1', [idempotencyKey]);
    if (done.rows[0]) return done.rows[0].message_id as string | null;
    const r = await recipientOf(caseId);
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
      await pool.query(
        `INSERT INTO e_address_deliveries (idempotency_key, case_id, message_id, skipped_reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [idempotencyKey, caseId, messageId, skipped],
      );
      return messageId;
    } catch (e) {
      if (e instanceof SystemRejectedError)
        throw ApplicationFailure.create({ type: 'SystemRejectedError', message: e.message, nonRetryable: true });
      throw e;
    }
  }

  return {
    async loadDefinition(definitionId: string, version: number): Promise<EServiceDefinition> {
      const { rows } = await pool.query('SELECT content FROM eservice_definition_versions WHERE definition_id = $1 AND version = $2', [
        definitionId,
        version,
      ]);
      if (!rows[0]) throw definitionError(`definition ${definitionId} v${version} not found`);
      return rows[0].content as EServiceDefinition;
    },

    async callRegister(req: {
      register: string;
      operation: string;
      args: Record<string, unknown>;
      idempotencyKey: string;
    }): Promise<unknown> {
      const call = registerCall(adapters, req.register, req.operation, req.args, { idempotencyKey: req.idempotencyKey });
      if (!call) throw definitionError(`${req.register} has no operation ${req.operation}`);
      try {
        return await call;
      } catch (e) {
        if (e instanceof SystemRejectedError)
          throw ApplicationFailure.create({ type: 'SystemRejectedError', message: e.message, nonRetryable: true });
        if (e instanceof SystemUnavailableError) throw ApplicationFailure.create({ type: 'SystemUnavailableError', message: e.message });
        throw e;
      }
    },

    async setWaiting(req: { caseId: string; waitingFor: string | null }): Promise<void> {
      await setWaitingReason(pool, req.caseId, req.waitingFor);
      // Re-announce the current status so open screens refresh and show why the application waits.
      await republishCurrentStatus(pool, req.caseId);
    },

    async recordStatus(req: { caseId: string; status: string; label: Text | null; idempotencyKey: string; actor: Actor }): Promise<void> {
      try {
        await appendStatus(pool, req.caseId, {
          status: req.status as CaseStatus,
          label: { lv: req.label?.lv ?? null, en: req.label?.en ?? null },
          by: { kind: 'workflow', idempotencyKey: req.idempotencyKey },
          actor: { type: req.actor.type, id: req.actor.id, agency: req.actor.agency, office: req.actor.office },
          purpose: 'e-service',
          requestId: req.idempotencyKey,
        });
      } catch (e) {
        // A missing case or a forbidden move is the definition's mistake: no retry mends it.
        if (e instanceof DomainError) throw definitionError(`case ${req.caseId} to ${req.status}: ${e.message}`);
        throw e;
      }
    },

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
      const r = await recipientOf(req.caseId);
      await pool.query(
        `INSERT INTO notifications (id, case_id, recipient_type, recipient_id, subject_lv, subject_en, body_lv, body_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [req.idempotencyKey, req.caseId, r.recipient_type, r.recipient_id, req.subject.lv, req.subject.en, req.body.lv, req.body.en],
      );
      const messageId = await sendToEAddress(
        req.caseId,
        `${req.idempotencyKey}/e-address`,
        `${req.subject.lv} / ${req.subject.en}`,
        `${req.body.lv}\n\n${req.body.en}`,
      );
      if (messageId) await pool.query('UPDATE notifications SET e_address_message_id = $2 WHERE id = $1', [req.idempotencyKey, messageId]);
    },

    async applyPrefill(req: { caseId: string; values: Record<string, unknown> }): Promise<void> {
      const owner = await mergePrefill(pool, req.caseId, req.values);
      // Register data written into a citizen's draft is a write of personal data by the platform itself.
      if (owner) {
        await audit(pool, {
          actor: { type: 'system', id: 'prefill' },
          subject: { type: owner.recipient_type, id: owner.recipient_id },
          action: 'update',
          resource: `application:${req.caseId}/draft`,
          purpose: 'prefill',
          details: { fields: Object.keys(req.values) },
        });
      }
    },

    async markSubmitted(req: { caseId: string; data: Record<string, unknown>; actor: Actor }): Promise<void> {
      await markSubmitted(pool, req.caseId, req.data);
    },

    /**
     * Appends the answer to the submitted data once per key: the workflow's key for this request, else (workflows
     * started before keys were passed) the workflow and activity id, which stay the same across retries.
     */
    async recordInfoAnswer(req: {
      caseId: string;
      data: Record<string, unknown>;
      fileIds: string[];
      idempotencyKey?: string;
    }): Promise<void> {
      await appendInfoAnswer(pool, req.caseId, req.idempotencyKey ?? activityKey(), { ...req.data, fileIds: req.fileIds });
    },

    async openTask(req: {
      taskId: string;
      caseId: string;
      agencyId: string;
      stepId: string;
      title: Text;
      instructions: Text | null;
      outcomes: TaskOutcome[];
      dueIn: string;
    }): Promise<void> {
      await pool.query(
        `INSERT INTO tasks (id, case_id, agency_id, step_id, title_lv, title_en, instructions, outcomes, status, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', now() + $9 * interval '1 millisecond') ON CONFLICT (id) DO NOTHING`,
        [
          req.taskId,
          req.caseId,
          req.agencyId,
          req.stepId,
          req.title.lv,
          req.title.en,
          req.instructions ? JSON.stringify(req.instructions) : null,
          req.outcomes,
          durationMs(req.dueIn),
        ],
      );
    },

    async claimTask(req: { taskId: string; officer: Actor }): Promise<void> {
      await pool.query(
        `UPDATE tasks SET status = 'claimed', claimed_by = $2, claimed_by_name = $3, claimed_at = now() WHERE id = $1 AND status IN ('open','claimed')`,
        [req.taskId, req.officer.id, req.officer.name ?? null],
      );
    },

    async closeTask(req: { taskId: string; outcome: TaskOutcome; message: string | null; officer: Actor }): Promise<void> {
      await pool.query(
        `UPDATE tasks SET status = 'completed', outcome = $2, message = $3, completed_by = $4, completed_at = COALESCE(completed_at, now()) WHERE id = $1`,
        [req.taskId, req.outcome, req.message, req.officer.id],
      );
    },

    async cancelOpenTasks(req: { caseId: string }): Promise<void> {
      await pool.query(`UPDATE tasks SET status = 'cancelled' WHERE case_id = $1 AND status IN ('open','claimed')`, [req.caseId]);
    },

    async requestPayment(req: {
      caseId: string;
      stepId: string;
      amountEur: number;
      description: Text;
      expiresIn: string;
    }): Promise<string> {
      if (!(req.amountEur > 0)) throw definitionError(`payment step ${req.stepId} computed amount ${req.amountEur}`);
      const id = `${req.caseId}:${req.stepId}`;
      await pool.query(
        `INSERT INTO payment_requests (id, case_id, step_id, amount_eur, description_lv, description_en, status, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'requested', now() + $7 * interval '1 millisecond') ON CONFLICT (id) DO NOTHING`,
        [id, req.caseId, req.stepId, req.amountEur, req.description.lv, req.description.en, durationMs(req.expiresIn)],
      );
      return id;
    },

    /** The payment step's invoice (billing): payer = the recipient, due when the step expires; idempotent by request id. */
    async invoiceForPayment(req: {
      caseId: string;
      requestId: string;
      amountEur: number;
      description: Text;
      expiresIn: string;
    }): Promise<string> {
      const r = await recipientOf(req.caseId);
      const due = new Date(Date.now() + durationMs(req.expiresIn)).toISOString().slice(0, 10);
      const { id } = await createInvoice(pool, r.agency_id, 'eservice-runtime', {
        idempotencyKey: `payment-request:${req.requestId}`,
        payer: { type: r.recipient_type as 'natural' | 'legal', id: r.recipient_id, name: r.recipient_name ?? r.recipient_id },
        lines: [
          {
            description: req.description.lv,
            quantity: 1,
            unitPrice: req.amountEur,
            vatExemption: { category: 'O', reason: 'Valsts nodeva / state fee outside the scope of VAT' },
          },
        ],
        currency: 'EUR',
        dueDate: due,
        caseId: req.caseId,
      });
      await pool.query('UPDATE invoices SET payment_request_id = $2 WHERE id = $1', [id, req.requestId]);
      return id;
    },

    async expirePayment(req: { requestId: string }): Promise<void> {
      await pool.query(`UPDATE payment_requests SET status = 'expired' WHERE id = $1 AND status = 'requested'`, [req.requestId]);
    },

    async issueDocument(req: { caseId: string; stepId: string; documentType: string; title: Text; body: Text }): Promise<string> {
      const id = `${req.caseId}:${req.stepId}`;
      const existing = await pool.query('SELECT id FROM documents WHERE id = $1', [id]);
      if (existing.rowCount) return id;
      const r = await recipientOf(req.caseId);
      const pdf = await renderPdf({
        issuer: r.agency_name,
        title: req.title,
        reference: req.caseId,
        issuedOn: new Date().toISOString().slice(0, 10),
        recipient: r.recipient_name ?? r.recipient_id,
        body: req.body,
      });
      await pool.query(
        `INSERT INTO documents (id, case_id, document_type, title_lv, title_en, file_name, content_type, content, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, 'application/pdf', $7, $8) ON CONFLICT (id) DO NOTHING`,
        [
          id,
          req.caseId,
          req.documentType,
          req.title.lv,
          req.title.en,
          `${req.documentType}-${req.caseId}.pdf`,
          pdf,
          crypto.createHash('sha256').update(pdf).digest('hex'),
        ],
      );
      return id;
    },
  };
}

export type ApplicationActivities = ReturnType<typeof createApplicationActivities>;
