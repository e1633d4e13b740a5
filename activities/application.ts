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
import type { ResidenceBasis, ResidenceDeclaration } from './adapters/contracts/population-register';
import { renderPdf } from './documents/pdf';
import { rigaDate } from './documents/latvian-calendar';
import type { AdministrativeActTerms } from './documents/administrative-act';
import type { SealStore } from './documents/seal/seal-store';
import { durationMs } from '../forms/eservice-definition/expressions';
import { createInvoice } from '../db/billing/invoices';
import { eAddressDelivery, insertNotification, recordEAddressDelivery, setNotificationMessageId } from '../db/applications/messages';
import { cancelOpenTasks, claimTask, completeTask, openTask } from '../db/applications/tasks';
import { documentExists, insertDocument } from '../db/applications/documents';
import { expirePaymentRequest, insertPaymentRequest } from '../db/applications/payment-requests';
import { linkInvoiceToPaymentRequest } from '../db/billing/invoice-lifecycle';
import { definitionVersionContent } from '../db/eservice-definitions/reads';
import { recordRegisterCheck } from '../db/applications/register-checks';
import { notifyByProfileChannels } from './profile-notify';
import { normalisePersonalCode } from '../db/domain/person-id';

/** The same for every attempt of one scheduled activity: its workflow and activity id. */
function activityKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.workflowId ?? info.activityType}/activity:${info.activityId}`;
}

export interface ApplicationActivityDeps {
  pool: Pool;
  adapters: Adapters;
  /** The agencies' electronic seals: every issued document is sealed by its agency. */
  seals: SealStore;
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
    case 'population-register.declareResidence':
      return adapters.populationRegister.declareResidence(s(args.personalCode), residenceDeclaration(args), ctx);
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

/** A declaration from the step's input: the address code, the date, the basis and the document the form holds. */
function residenceDeclaration(args: Record<string, unknown>): ResidenceDeclaration {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const doc = (args.document ?? {}) as Record<string, unknown>;
  const complete = s(doc.kind) && s(doc.number) && s(doc.date);
  return {
    addressCode: s(args.addressCode),
    declaredFrom: s(args.declaredFrom),
    basis: s(args.basis) as ResidenceBasis,
    document: complete ? { kind: s(doc.kind), number: s(doc.number), issuedOn: s(doc.date) } : null,
    caseId: s(args.caseId) || null,
  };
}

/** A register write changes a person's data: audited as the platform's own update of the register (read-only
 * operations are the register's answers to the case and are not written here). */
/** Audits a register write of the person's data; false when the call was not a write. */
async function auditRegisterWrite(
  pool: Pool,
  req: { register: string; operation: string; args: Record<string, unknown> },
): Promise<boolean> {
  if (req.register !== 'population-register' || req.operation !== 'declareResidence') return false;
  const caseId = typeof req.args.caseId === 'string' ? req.args.caseId : undefined;
  await audit(pool, {
    actor: { type: 'system', id: 'eservice-runtime' },
    subject: { type: 'natural', id: String(req.args.personalCode) },
    action: 'update',
    resource: `population-register:person/${String(req.args.personalCode)}/declared-address`,
    purpose: 'register-update',
    details: { caseId, legalBasis: 'Dzīvesvietas deklarēšanas likums / Residence Declaration Law', operation: req.operation },
  });
  return true;
}

export function createApplicationActivities({ pool, adapters, seals }: ApplicationActivityDeps) {
  async function recipientOf(caseId: string) {
    const recipient = await caseRecipient(pool, caseId);
    if (!recipient) throw definitionError(`case ${caseId} not found`);
    return recipient;
  }

  /**
   * A register read for an application is a use of a person's data by the case's agency (shown in "who used my
   * data"): about the person whose code the call names, else the applicant. Its purpose comes from the step's key:
   * `prefill:<id>`, a check's `<id>:<attempt>`, or another step's call.
   */
  async function auditRegisterRead(req: { register: string; operation: string; args: Record<string, unknown>; idempotencyKey: string }) {
    const key = /^application:(LV-[0-9]{10}-[0-9]{2})\/(.+)$/.exec(req.idempotencyKey);
    if (!key) return;
    const [, caseId, stepKey] = key;
    const r = await recipientOf(caseId);
    const code = req.args.personalCode;
    const named = typeof code === 'string' || typeof code === 'number' ? normalisePersonalCode(String(code)) : null;
    const subject = named ? { type: 'natural', id: named } : { type: r.recipient_type, id: r.recipient_id };
    const purpose = stepKey.startsWith('prefill:') ? 'prefill' : /:[0-9]+$/.test(stepKey) ? 'register-check' : 'application-processing';
    await audit(pool, {
      actor: { type: 'system', id: 'e-service', agency: r.agency_id },
      subject,
      action: 'read',
      resource: `register:${req.register}/${req.operation}`,
      purpose,
      requestId: req.idempotencyKey,
      details: { caseId, register: req.register, operation: req.operation, step: stepKey },
    });
  }

  async function sendToEAddress(caseId: string, idempotencyKey: string, subject: string, body: string): Promise<string | null> {
    const done = await eAddressDelivery(pool, idempotencyKey);
    if (done) return done.messageId;
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
      await recordEAddressDelivery(pool, { idempotencyKey, caseId, messageId, skippedReason: skipped });
      return messageId;
    } catch (e) {
      if (e instanceof SystemRejectedError)
        throw ApplicationFailure.create({ type: 'SystemRejectedError', message: e.message, nonRetryable: true });
      throw e;
    }
  }

  return {
    async loadDefinition(definitionId: string, version: number): Promise<EServiceDefinition> {
      const content = await definitionVersionContent(pool, definitionId, version);
      if (!content) throw definitionError(`definition ${definitionId} v${version} not found`);
      return content;
    },

    async callRegister(req: {
      register: string;
      operation: string;
      args: Record<string, unknown>;
      idempotencyKey: string;
    }): Promise<unknown> {
      const call = registerCall(adapters, req.register, req.operation, req.args, { idempotencyKey: req.idempotencyKey });
      if (!call) throw definitionError(`${req.register} has no operation ${req.operation}`);
      let result: unknown;
      try {
        result = await call;
      } catch (e) {
        if (e instanceof SystemRejectedError)
          throw ApplicationFailure.create({ type: 'SystemRejectedError', message: e.message, nonRetryable: true });
        if (e instanceof SystemUnavailableError) throw ApplicationFailure.create({ type: 'SystemUnavailableError', message: e.message });
        throw e;
      }
      // A register write is audited as the update it is; everything else the register answered is a read.
      if (!(await auditRegisterWrite(pool, req))) await auditRegisterRead(req);
      return result;
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

    /** Keeps a register check's outcome for the officer who decides the case (once per attempt, the workflow's key). */
    async recordRegisterCheck(req: {
      caseId: string;
      stepId: string;
      attempt: number;
      register: string;
      operation: string;
      passed: boolean;
      result: unknown;
      idempotencyKey: string;
    }): Promise<void> {
      const { idempotencyKey, ...check } = req;
      await recordRegisterCheck(pool, idempotencyKey, check);
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
      await openTask(pool, {
        taskId: req.taskId,
        caseId: req.caseId,
        agencyId: req.agencyId,
        stepId: req.stepId,
        title: req.title,
        instructions: req.instructions,
        outcomes: req.outcomes,
        dueInMs: durationMs(req.dueIn),
      });
    },

    async claimTask(req: { taskId: string; officer: Actor }): Promise<void> {
      await claimTask(pool, req.taskId, { id: req.officer.id, name: req.officer.name ?? null });
    },

    async closeTask(req: { taskId: string; outcome: TaskOutcome; message: string | null; officer: Actor }): Promise<void> {
      await completeTask(pool, req.taskId, { outcome: req.outcome, message: req.message, completedBy: req.officer.id });
    },

    async cancelOpenTasks(req: { caseId: string }): Promise<void> {
      await cancelOpenTasks(pool, req.caseId);
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
      await insertPaymentRequest(pool, {
        id,
        caseId: req.caseId,
        stepId: req.stepId,
        amountEur: req.amountEur,
        description: req.description,
        expiresInMs: durationMs(req.expiresIn),
      });
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
      await linkInvoiceToPaymentRequest(pool, id, req.requestId);
      return id;
    },

    async expirePayment(req: { requestId: string }): Promise<void> {
      await expirePaymentRequest(pool, req.requestId);
    },

    /** The document as a PDF sealed by the case's agency (PAdES); a decision is printed as an administrative act. */
    async issueDocument(req: {
      caseId: string;
      stepId: string;
      documentType: string;
      title: Text;
      body: Text;
      administrativeAct?: AdministrativeActTerms;
    }): Promise<string> {
      const id = `${req.caseId}:${req.stepId}`;
      if (await documentExists(pool, id)) return id;
      const r = await recipientOf(req.caseId);
      const seal = seals.sealFor({ id: r.agency_id, name: r.agency_name, registrationNumber: r.agency_registration_number });
      const now = new Date();
      const pdf = await renderPdf(
        {
          issuer: { name: { lv: r.agency_name, en: r.agency_name_en }, registrationNumber: r.agency_registration_number },
          title: req.title,
          reference: req.caseId,
          issuedOn: rigaDate(now),
          recipient: r.recipient_name ?? r.recipient_id,
          body: req.body,
          ...(req.administrativeAct ? { administrativeAct: req.administrativeAct } : {}),
        },
        { key: seal, signedAt: now },
      );
      await insertDocument(pool, {
        id,
        caseId: req.caseId,
        documentType: req.documentType,
        title: req.title,
        fileName: `${req.documentType}-${req.caseId}.pdf`,
        pdf,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
      });
      return id;
    },
  };
}

export type ApplicationActivities = ReturnType<typeof createApplicationActivities>;
