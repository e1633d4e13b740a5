// Drives residence declarations straight through the Temporal client (no HTTP): open a case, wait for the
// prefill, submit, claim and approve the officer task, until the application is completed. Every step is
// repeatable, so a driver survives a killed worker or a restarted Temporal server by asking again.
import type { Pool } from 'pg';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { openApplication } from '../../api/applications/commands';
import { persons } from '../../simulators/population-register/data';
import { addresses } from '../../simulators/address-register/data';
import {
  applicationWorkflowId,
  claimTaskUpdate,
  completeTaskUpdate,
  submitUpdate,
  viewQuery,
  type Actor,
  type ApplicationView,
} from '../../workflows/application/api';
import { nextPoll, waitFor } from './wait';
import { dayFromToday } from './dates';

export const OFFICER_PMLP: Actor = { type: 'staff', id: 'officer-pmlp', name: 'Ilze Ozola', agency: 'pmlp', office: 'pmlp-riga-1' };
export const RESIDENCE_DECLARATION = 'residence-declaration';

/** The persons of the population register simulator (Anna, Jānis, generated ones), each with an e-address mailbox. */
export const registerPersons = persons.map((p) => ({
  personalCode: p.person_code,
  givenName: p.given_name,
  familyName: p.surname,
  name: `${p.given_name} ${p.surname}`,
}));
export type RegisterPerson = (typeof registerPersons)[number];

/** Residential addresses of the address register simulator. */
export const dwellingAddresses = addresses.filter((a) => a.purpose === 'dwelling').map((a) => ({ code: a.adr_cd, text: a.std }));

export const citizenActor = (person: RegisterPerson): Actor => ({
  type: 'citizen',
  id: `citizen:${person.personalCode}`,
  name: person.name,
});

/** A deadline on every gRPC call inside `fn`, so a call to a workflow with no worker (or no server) gives up. */
function bounded<T>(client: Client, ms: number, fn: () => Promise<T>): Promise<T> {
  return client.connection.withDeadline(Date.now() + ms, fn);
}

export interface OpenedApplication {
  caseId: string;
  person: RegisterPerson;
  index: number;
}

/** Opens the n-th residence declaration (person and address chosen round-robin) on the given task queue. */
export async function openResidenceDeclaration(
  pool: Pool,
  temporal: () => Promise<Client>,
  taskQueue: string,
  index: number,
  person = registerPersons[index % registerPersons.length],
): Promise<OpenedApplication> {
  const { caseId } = await openApplication(pool, temporal, taskQueue, RESIDENCE_DECLARATION, {
    recipient: { type: 'natural', id: person.personalCode, name: person.name },
    actor: citizenActor(person),
  });
  return { caseId, person, index };
}

/** The draft once the prefill from the population register has written the applicant into it. */
export async function waitForPrefill(pool: Pool, caseId: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  return waitFor(
    `the prefill of ${caseId}`,
    async () => {
      const { rows } = await pool.query('SELECT draft_data FROM applications WHERE case_id = $1', [caseId]);
      const draft = rows[0]?.draft_data as Record<string, any> | undefined;
      return draft?.applicant?.givenName ? draft : null;
    },
    timeoutMs,
    200,
  );
}

/** A valid residence declaration form from the prefilled draft, moving to the n-th residential address. */
export function residenceForm(prefilled: Record<string, any>, index: number): Record<string, unknown> {
  const address = dwellingAddresses[index % dwellingAddresses.length];
  return {
    ...prefilled,
    newAddress: index % 2 === 0 ? { text: address.text, code: address.code } : { text: address.text },
    residenceBasis: (['owner', 'tenant', 'family-member', 'other'] as const)[index % 4],
    // A tenant or another basis states the document that gives the right (the form requires it).
    ...(index % 2 === 1 ? { residenceDocument: { kind: 'lease-agreement', number: `ĪL-${index}`, date: dayFromToday(-30) } } : {}),
    declarationDate: dayFromToday(1),
    confirm: true,
  };
}

async function view(client: Client, handle: WorkflowHandle): Promise<ApplicationView | null> {
  try {
    return await bounded(client, 10_000, () => handle.query(viewQuery));
  } catch {
    return null; // no worker or no server at the moment: ask again
  }
}

async function tryUpdate<R, A>(client: Client, handle: WorkflowHandle, update: UpdateDefinition<R, [A]>, arg: A): Promise<unknown> {
  try {
    return await bounded(client, 20_000, () => handle.executeUpdate(update, { args: [arg] }));
  } catch (e) {
    return e; // rejected (e.g. submitted already by an earlier attempt) or not answered: the next view decides
  }
}

export interface DriveOptions {
  /** Submitted once the prefill is there (default: a valid form from the prefilled draft). */
  data?: Record<string, unknown>;
  officer?: Actor;
  /** Approval waits for this (e.g. to keep applications waiting at the officer task). */
  approveWhen?: Promise<unknown>;
  /** Stop once the officer task is open instead of approving it. */
  stopAtTask?: boolean;
  timeoutMs?: number;
}

/**
 * Drives one residence declaration from submission to the officer's approval and waits for the end. Safe to run
 * again on the same application: a repeated submit or decision is refused by the workflow and ignored here.
 */
export async function driveResidenceDeclaration(
  client: Client,
  pool: Pool,
  app: OpenedApplication,
  opts: DriveOptions = {},
): Promise<ApplicationView> {
  const handle = client.workflow.getHandle(applicationWorkflowId(app.caseId));
  const officer = opts.officer ?? OFFICER_PMLP;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const data = opts.data ?? residenceForm(await waitForPrefill(pool, app.caseId, opts.timeoutMs), app.index);
  let last: ApplicationView | null = null;
  while (Date.now() < deadline) {
    const v = await view(client, handle);
    last = v ?? last;
    if (!v) {
      await nextPoll(500);
      continue;
    }
    if (v.phase === 'ended' || ['completed', 'rejected', 'withdrawn'].includes(v.status)) return v;
    if (v.phase === 'draft' && v.status === 'draft') {
      await tryUpdate(client, handle, submitUpdate, { data, actor: citizenActor(app.person) });
      await nextPoll(200);
      continue;
    }
    if (v.openTask) {
      if (opts.stopAtTask) return v;
      if (opts.approveWhen) await opts.approveWhen;
      if (v.openTask.claimedBy !== officer.id) await tryUpdate(client, handle, claimTaskUpdate, { taskId: v.openTask.id, officer });
      await tryUpdate(client, handle, completeTaskUpdate, { taskId: v.openTask.id, outcome: 'approve', officer });
      await nextPoll(200);
      continue;
    }
    await nextPoll(300); // being processed (address check, document, ...)
  }
  throw new Error(`application ${app.caseId} did not end in time; last view: ${JSON.stringify(last)}`);
}

/** Statuses of cases straight from the register. */
export async function caseStatuses(pool: Pool, caseIds: string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ id: string; status: string }>('SELECT id, status FROM cases WHERE id = ANY($1)', [caseIds]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

/**
 * Submits with the address register down: the pre-submit address check lets the address through unchecked, so the
 * workflow's own register check (once the register is back) decides — the one way an address the register does not
 * know reaches that check now (e.g. to see it ask the citizen for information).
 */
export async function submitPastAddressCheck(
  addressRegisterUrl: string,
  submit: () => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  const faults = `${addressRegisterUrl}/_faults`;
  const set = (body: unknown) =>
    fetch(faults, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await set({ outage: true });
  try {
    const res = await submit();
    if (res.status !== 200) throw new Error(`submit answered ${res.status}: ${JSON.stringify(res.body)}`);
  } finally {
    await fetch(faults, { method: 'DELETE' });
  }
}
