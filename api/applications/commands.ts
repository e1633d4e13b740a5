// Applications: an e-service opened by a citizen. The case (status draft) and the application row are written
// first, then the interpreter workflow starts; drafts are autosaved with optimistic versions. Refusals are
// DomainErrors (api/platform/errors.ts maps their codes to HTTP): the same commands serve HTTP, Socket.IO and seeds.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { audit, type AuditEntry } from '../../db/audit';
import { inTransaction } from '../../db/transaction';
import { insertApplication, writeDraft, type DraftChange, type SavedDraft } from '../../db/applications/applications';
import type { Client } from '@temporalio/client';
import { startWorkflowOnce } from '../platform/temporal';
import type { ValidateFunction } from 'ajv';
import { DomainError, notFoundError, type DomainErrorDetail } from '../../db/domain/domain-error';
import { applicationStart, pinnedDefinition, savedDraft } from '../../db/applications/reads';
import { registerCases } from '../../db/cases/register-cases';
import { publishedVersion, formAjv } from '../../db/eservice-definitions/definitions';
import type { PersonRef } from '../../db/domain/person-id';
import { APPLICATION_WORKFLOW, applicationWorkflowId, type Actor, type ApplicationInput } from '../../workflows/application/api';
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import { toDetails } from '../../forms/validation';
import { durationMs } from '../../forms/eservice-definition/expressions';
import type { Principal } from '../platform/auth/principal';
import { recordCaseLevel } from '../../db/cases/level-of-assurance';
import { levelOfAcr } from '../../db/domain/level-of-assurance';
import { checkIdentityRequirements, identityDraft } from './identity-requirements';
import { addressFields } from '../../forms/form-rules';
import type { AddressCheck, AddressValue } from '../platform/address-register';

export interface Opener {
  recipient: PersonRef & { name?: string };
  actor: Actor;
  idempotencyKey?: string;
  /** Who signed in, when they open it themselves: the e-service's identity requirements are checked, their level of
   * assurance recorded on the case and their identity attributes fill the draft (identity-requirements.ts). */
  signedIn?: { principal: Principal; env: string };
}

/** The case's external id for one opening: readable when it fits the 100 characters, else hashed (long e-service
 * ids and subjects, e.g. an eIDAS citizen's, with a 36-character key). */
function openingId(eserviceId: string, actorId: string, key: string): string {
  const readable = `eservice:${eserviceId}:${actorId}:${key}`;
  if (readable.length <= 100) return readable;
  return `eservice:${crypto.createHash('sha256').update(readable).digest('base64url')}`;
}

export async function openApplication(
  pool: Pool,
  temporal: () => Promise<Client>,
  taskQueue: string,
  eserviceId: string,
  opener: Opener,
): Promise<{ caseId: string; created: boolean }> {
  const def = await publishedVersion(pool, eserviceId);
  if (!def) throw notFoundError('e-service');
  checkApplicantType(def.content, opener.recipient);
  const signedIn = opener.signedIn;
  if (signedIn) checkIdentityRequirements(def.content, signedIn.principal, signedIn.env);
  const key = opener.idempotencyKey ?? crypto.randomUUID();
  const [result] = await registerCases(pool, { agencyId: def.agencyId, actorType: opener.actor.type, actorId: opener.actor.id }, [
    {
      externalId: openingId(eserviceId, opener.actor.id, key),
      serviceId: def.content.serviceId,
      channel: 'eservice',
      recipient: opener.recipient,
      status: 'draft',
    },
  ]);
  if (result.outcome === 'failed') throw new DomainError(result.error.code, result.error.message, result.error.details);
  if (signedIn && result.outcome === 'created') await recordCaseLevel(pool, result.id, levelOfAcr(signedIn.principal.acr));
  const ttlMs = durationMs(def.content.draft?.ttl ?? '30 days');
  await insertApplication(pool, {
    caseId: result.id,
    definitionId: eserviceId,
    definitionVersion: def.version,
    agencyId: def.agencyId,
    recipient: opener.recipient,
    createdBy: opener.actor.id,
    ttlMs,
    // The signed-in person's identity fills a person's application, not a company's.
    ...(signedIn && opener.recipient.type !== 'legal' ? { initialDraft: identityDraft(def.content, signedIn.principal) } : {}),
  });
  await ensureApplicationWorkflow(pool, temporal, taskQueue, result.id);
  return { caseId: result.id, created: result.outcome === 'created' };
}

/** A company's e-service is opened in the company's account; a person's is not opened for a company (422). */
function checkApplicantType(def: EServiceDefinition, recipient: PersonRef): void {
  const serves = def.applicants ?? ['natural'];
  const kind = recipient.type === 'legal' ? 'legal' : 'natural';
  if (serves.includes(kind)) return;
  throw kind === 'legal'
    ? new DomainError('eservice_not_for_companies', 'This e-service is for people, not companies: open it in your own account.')
    : new DomainError(
        'eservice_for_companies',
        "This e-service is for companies: open it in the company's account (Acting for a company).",
      );
}

/** Starts the workflow of an application unless it exists already (safe to repeat, e.g. after Temporal was down). */
export async function ensureApplicationWorkflow(
  pool: Pool,
  temporal: () => Promise<Client>,
  taskQueue: string,
  caseId: string,
): Promise<void> {
  const app = await applicationStart(pool, caseId);
  if (!app) throw notFoundError('application');
  const input: ApplicationInput = {
    caseId,
    definitionId: app.definitionId,
    version: app.definitionVersion,
    agencyId: app.agencyId,
    recipient: { type: app.recipient.type, id: app.recipient.id, ...(app.recipient.name ? { name: app.recipient.name } : {}) },
    createdBy: { type: 'citizen', id: app.createdBy },
  };
  await startWorkflowOnce(await temporal(), APPLICATION_WORKFLOW, { taskQueue, workflowId: applicationWorkflowId(caseId), args: [input] });
}

/**
 * Saves a draft (optimistic version). With `auditAs` (someone other than the citizen writing it), the write and its
 * audit row commit together or not at all; the citizen's own autosave, every few keystrokes, is not audited.
 */
export async function saveDraft(
  pool: Pool,
  caseId: string,
  change: DraftChange,
  savedBy: string,
  auditAs?: (version: number) => AuditEntry,
): Promise<SavedDraft> {
  if (!auditAs) return writeDraft(pool, caseId, change, savedBy);
  return inTransaction(pool, async (client) => {
    const saved = await writeDraft(client, caseId, change, savedBy);
    await audit(client, auditAs(saved.version));
    return saved;
  });
}

const formValidators = new Map<string, ValidateFunction>();
function formValidator(definitionId: string, version: number, def: EServiceDefinition): ValidateFunction {
  const key = `${definitionId}@${version}`;
  let fn = formValidators.get(key);
  if (!fn) {
    fn = formAjv.compile(def.form.schema);
    formValidators.set(key, fn);
  }
  return fn;
}

async function pinnedForm(pool: Pool, caseId: string): Promise<{ def: EServiceDefinition; validate: ValidateFunction }> {
  const pinned = await pinnedDefinition(pool, caseId);
  if (!pinned) throw notFoundError('application');
  const def = await publishedVersion(pool, pinned.definitionId, pinned.version);
  if (!def) throw notFoundError('e-service');
  return { def: def.content, validate: formValidator(pinned.definitionId, pinned.version, def.content) };
}

/**
 * The draft the citizen reviewed is the one saved: its version is the one their screen holds (checked before the
 * co-browse edits of the last moments are saved, which the citizen saw live and which belong to what is submitted).
 */
export async function checkDraftVersion(pool: Pool, caseId: string, expectedVersion: number | undefined): Promise<void> {
  if (expectedVersion === undefined) return;
  const draft = await savedDraft(pool, caseId);
  if (!draft) throw notFoundError('application');
  if (draft.version !== expectedVersion) {
    throw new DomainError('stale_version', 'The draft changed since you last saw it; review it before submitting.', [
      {
        path: '/version',
        code: 'stale_version',
        message: `current version is ${draft.version}`,
        currentVersion: draft.version,
      },
    ]);
  }
}

/**
 * The address fields of a valid form, checked with the address register before the submit (not after it, by a
 * register step): a refused address is a field error the person fixes at once; an accepted one is stored with the
 * register's code and text.
 */
async function checkAddresses(
  def: EServiceDefinition,
  data: Record<string, unknown>,
  check: AddressCheck,
): Promise<Record<string, unknown>> {
  const errors: DomainErrorDetail[] = [];
  let out = data;
  for (const field of addressFields(def.form.schema)) {
    const path = field.pointer.split('/').slice(1);
    const parent = path
      .slice(0, -1)
      .reduce<Record<string, unknown> | undefined>((node, key) => node?.[key] as Record<string, unknown> | undefined, out);
    const value = parent?.[path[path.length - 1]] as AddressValue | undefined;
    if (!value || (!value.code && !value.text)) continue;
    const result = await check(field, value);
    if (!result.ok) {
      errors.push(result.detail);
      continue;
    }
    out = structuredClone(out);
    const target = path.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, out);
    target[path[path.length - 1]] = { ...value, ...result.value };
  }
  if (errors.length) throw new DomainError('form_invalid', 'Some fields need attention before you submit.', errors);
  return out;
}

/** The saved draft, valid for the pinned form (422 with field errors) and, given `checkAddress`, with every address
 * field confirmed by the address register. */
export async function loadDraftForSubmit(pool: Pool, caseId: string, checkAddress?: AddressCheck): Promise<Record<string, unknown>> {
  const draft = await savedDraft(pool, caseId);
  if (!draft) throw notFoundError('application');
  const { def, validate } = await pinnedForm(pool, caseId);
  if (!validate(draft.data))
    throw new DomainError('form_invalid', 'Some fields need attention before you submit.', toDetails(validate.errors));
  return checkAddress ? checkAddresses(def, draft.data, checkAddress) : draft.data;
}
