// The interpreter's calls to the state registers (prefill, register checks, `callSystem` writes such as the residence
// declaration): one table of the operations a definition may name, each call audited as the read or write it is,
// and the outcome of a check kept for the officer.
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { audit } from '../../db/audit';
import { recordRegisterCheck } from '../../db/applications/register-checks';
import { normalisePersonalCode } from '../../db/domain/person-id';
import { SystemRejectedError, SystemUnavailableError } from '../adapters/contracts/common';
import type { Adapters } from '../adapters';
import type { ResidenceBasis, ResidenceDeclaration } from '../adapters/contracts/population-register';
import { definitionError, recipientOf } from './case-recipient';

type RegisterRequest = { register: string; operation: string; args: Record<string, unknown>; idempotencyKey: string };

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

/**
 * A register write changes a person's data: audited as the platform's own update of the register. False when the
 * call was not a write (a read is audited by auditRegisterRead).
 */
async function auditRegisterWrite(pool: Pool, req: RegisterRequest): Promise<boolean> {
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

/**
 * A register read for an application is a use of a person's data by the case's agency (shown in "who used my
 * data"): about the person whose code the call names, else the applicant. Its purpose comes from the step's key:
 * `prefill:<id>`, a check's `<id>:<attempt>`, or another step's call.
 */
async function auditRegisterRead(pool: Pool, req: RegisterRequest): Promise<void> {
  const key = /^application:(LV-[0-9]{10}-[0-9]{2})\/(.+)$/.exec(req.idempotencyKey);
  if (!key) return;
  const [, caseId, stepKey] = key;
  const r = await recipientOf(pool, caseId);
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

export function createRegisterCallActivities({ pool, adapters }: { pool: Pool; adapters: Adapters }) {
  return {
    async callRegister(req: RegisterRequest): Promise<unknown> {
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
      if (!(await auditRegisterWrite(pool, req))) await auditRegisterRead(pool, req);
      return result;
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
  };
}
