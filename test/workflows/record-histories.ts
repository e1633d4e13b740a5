// Records the replay histories of every workflow type (not part of the suite: its name does not end in .test.ts).
//   npx mocha test/workflows/record-histories.ts
// Runs real workflow code: the invoice, case import and catalogue change/freshness workflows in virtual time with
// stand-in activities, the application workflow on the run's dev server through the API. Histories "before-<patch>"
// run the code older workflows run: a copy of workflows/ with that patch's `patched('<id>')` read as `false`.
// Each is saved as the proto's JSON form (what fetchHistory() gives) under test/workflows/<type>/histories.
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { invoiceWorkflow } from '../../workflows/invoice/workflow';
import { cancelInvoiceUpdate, invoiceWorkflowId, paymentRecordedSignal } from '../../workflows/invoice/api';
import { catalogChangeWorkflow, catalogFreshnessWorkflow } from '../../workflows/catalog/workflow';
import { CATALOG_FRESHNESS_RUN_ID } from '../../workflows/catalog/api';
import { caseImportWorkflow } from '../../workflows/case-import/workflow';
import { maintainCasePartitions } from '../../workflows/case-partitions/workflow';
import { CASE_PARTITIONS_RUN_ID } from '../../workflows/case-partitions/api';
import { caseImportWorkflowId } from '../../workflows/case-import/api';
import { applicationWorkflowId, viewQuery, withdrawUpdate } from '../../workflows/application/api';
import { shippedDefinition } from '../../scripts/seed/eservices';
import { call } from '../helpers/http';
import { uniqueSuffix } from '../helpers/cases';
import { waitFor } from '../helpers/wait';
import { citizenActor, openResidenceDeclaration, registerPersons, waitForPrefill } from '../helpers/applications';
import { timeSkippingEnvironment, withWorker } from '../helpers/time-skipping';
import { dateAfter, fakeInvoice } from './invoice/fake-invoice';
import { stack } from '../setup';

const ROOT = path.resolve(__dirname, '../..');

async function save(type: string, name: string, handle: WorkflowHandle) {
  const history = await handle.fetchHistory();
  const file = path.join(__dirname, type, 'histories', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify(
      temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { longs: String, enums: String, bytes: String }),
    ),
  );
  console.log(`saved ${path.relative(ROOT, file)} (${history.events?.length} events)`);
}

/** A worker on the time-skipping server running the workflows as before `patchId`: its patched() call read as false. */
async function withWorkerBeforePatch<T>(
  patchId: string,
  activities: object,
  fn: (ctx: { client: Client; taskQueue: string }) => Promise<T>,
): Promise<T> {
  // A sibling of workflows/, so the copies' relative imports resolve as the originals do.
  const dir = fs.mkdtempSync(path.join(ROOT, '.before-patch-'));
  try {
    fs.cpSync(path.join(ROOT, 'workflows'), dir, { recursive: true });
    let replaced = 0;
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const changed = text.split(`patched('${patchId}')`).join('false');
      if (changed !== text) {
        replaced += 1;
        fs.writeFileSync(path.join(dir, file), changed);
      }
    }
    if (replaced !== 1) throw new Error(`patch ${patchId}: expected one file with it, found ${replaced}`);
    const env = await timeSkippingEnvironment();
    const taskQueue = `before-${uniqueSuffix()}`;
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve(dir),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never,
    });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
    return await worker.runUntil(fn({ client: env.client, taskQueue }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function dueIn(days: number) {
  return dateAfter(await (await timeSkippingEnvironment()).currentTimeMs(), days);
}

describe('record replay histories', function () {
  this.timeout(600_000);

  describe('invoice', () => {
    const start = (client: Client, taskQueue: string, name: string) =>
      client.workflow.start(invoiceWorkflow, {
        taskQueue,
        workflowId: invoiceWorkflowId(`rec-${name}-${uniqueSuffix()}`),
        args: [{ invoiceId: name }],
      });

    it('paid before the due date', async () => {
      const inv = fakeInvoice(await dueIn(30));
      await withWorker(inv.activities, async ({ env, taskQueue }) => {
        const h = await start(env.client, taskQueue, 'early');
        await env.sleep('25 days');
        inv.set('paid');
        await h.signal(paymentRecordedSignal);
        await h.result();
        await save('invoice', 'paid-before-due-date', h);
      });
    });

    it('overdue, three reminders, quiet, then paid (after invoice-quiet-after-last-reminder)', async () => {
      const inv = fakeInvoice(await dueIn(10));
      await withWorker(inv.activities, async ({ env, taskQueue }) => {
        const h = await start(env.client, taskQueue, 'quiet');
        await env.sleep('70 days');
        inv.set('paid');
        await h.signal(paymentRecordedSignal);
        await h.result();
        await save('invoice', 'after-quiet-patch-three-reminders-then-paid', h);
      });
    });

    it('overdue, three reminders, then paid (before invoice-quiet-after-last-reminder)', async () => {
      const inv = fakeInvoice(await dueIn(10));
      await withWorkerBeforePatch('invoice-quiet-after-last-reminder', inv.activities, async ({ client, taskQueue }) => {
        const env = await timeSkippingEnvironment();
        const h = await start(client, taskQueue, 'before-quiet');
        await env.sleep('60 days'); // past the third reminder (day 52), before the old code's 1 ms timers (day 66)
        inv.set('paid');
        await h.signal(paymentRecordedSignal);
        await h.result();
        await save('invoice', 'before-quiet-patch-three-reminders-then-paid', h);
      });
    });

    it('started after its due date (after and before invoice-overdue-when-started-late)', async () => {
      for (const before of [false, true]) {
        const inv = fakeInvoice(await dueIn(-3));
        const run = async ({ client, taskQueue }: { client: Client; taskQueue: string }) => {
          const env = await timeSkippingEnvironment();
          const h = await start(client, taskQueue, 'late');
          await env.sleep('20 days');
          await h.executeUpdate(cancelInvoiceUpdate, { args: [{ reason: 'Recorded', by: 'recorder' }] });
          await h.result();
          await save('invoice', `${before ? 'before' : 'after'}-late-start-patch-overdue-then-cancelled`, h);
        };
        if (before) await withWorkerBeforePatch('invoice-overdue-when-started-late', inv.activities, run);
        else await withWorker(inv.activities, ({ env, taskQueue }) => run({ client: env.client, taskQueue }));
      }
    });
  });

  it('case import in three chunks', async () => {
    const activities = {
      async startImport() {
        return { chunkCount: 3 };
      },
      async ingestChunk() {
        return { created: 2, existing: 0, failed: 0, skipped: false };
      },
      async finishImport() {},
    };
    await withWorker(activities, async ({ env, taskQueue }) => {
      const h = await env.client.workflow.start(caseImportWorkflow, {
        taskQueue,
        workflowId: caseImportWorkflowId(`rec-${uniqueSuffix()}`),
        args: [{ importId: 'rec' }],
      });
      await h.result();
      await save('case-import', 'three-chunks', h);
    });
  });

  it('catalogue change to a healthy and a refusing portal, and the freshness check', async () => {
    const activities = {
      async webhooksForChange() {
        return ['healthy', 'refusing'];
      },
      async deliverCatalogWebhook(req: { webhookId: string }) {
        if (req.webhookId === 'refusing')
          throw ApplicationFailure.create({ type: 'webhook_address_blocked', nonRetryable: true, message: 'recorded refusal' });
      },
      async markCatalogWebhookFailed() {},
      async remindAboutReviews() {
        return { dueSoon: 1, overdue: 1 };
      },
    };
    await withWorker(activities, async ({ env, taskQueue }) => {
      const change = await env.client.workflow.start(catalogChangeWorkflow, {
        taskQueue,
        workflowId: `catalog-change:rec-${uniqueSuffix()}`,
        args: [{ seq: 1 }],
      });
      await change.result();
      await save('catalog', 'change-one-delivered-one-failed', change);
      const fresh = await env.client.workflow.start(catalogFreshnessWorkflow, {
        taskQueue,
        workflowId: `${CATALOG_FRESHNESS_RUN_ID}-rec-${uniqueSuffix()}`,
        args: [],
      });
      await fresh.result();
      await save('catalog', 'freshness-one-due-one-overdue', fresh);
    });
  });

  it('case register partitions made ahead', async () => {
    const activities = {
      async ensureCasePartitions() {
        return { created: ['2027q2'], existing: ['2026q4', '2027q1', '2027q2'] };
      },
    };
    await withWorker(activities, async ({ env, taskQueue }) => {
      const run = await env.client.workflow.start(maintainCasePartitions, {
        taskQueue,
        workflowId: `${CASE_PARTITIONS_RUN_ID}-rec-${uniqueSuffix()}`,
        args: [{ ahead: 2 }],
      });
      await run.result();
      await save('case-partitions', 'one-quarter-made-ahead', run);
    });
  });

  describe('application (dev server)', () => {
    it('a payment step paid at the counter (after payment-step-invoice)', async () => {
      const id = `rec-paid-${uniqueSuffix()}`;
      const def = {
        ...shippedDefinition('declared-address-statement'),
        id,
        steps: [
          { id: 'fee', kind: 'payment', amountEur: 7.11, description: { lv: 'Valsts nodeva', en: 'State fee' }, expiresIn: '30 days' },
          { id: 'answered', kind: 'setStatus', status: 'answered' },
        ],
      };
      await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: def });
      await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' });
      const opened = (await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: id } })).body;
      await call('POST', `/api/v1/applications/${opened.id}/submit`, { as: 'citizen-anna', json: {} });
      const invoice = await waitFor('invoice', async () =>
        (await call('GET', '/api/v1/me/invoices', { as: 'citizen-anna' })).body.items.find((i: any) => i.caseId === opened.id),
      );
      await call('POST', `/api/v1/invoices/${invoice.id}/counter-payments`, {
        as: 'staff-vpvkac-riga',
        json: { amountEur: 7.11, receiptNumber: `R-${uniqueSuffix()}` },
      });
      await waitFor(
        'answered',
        async () => (await call('GET', `/api/v1/applications/${opened.id}`, { as: 'citizen-anna' })).body.status === 'answered',
      );
      const client = stack.temporal.client;
      const invoiceHandle = client.workflow.getHandle(invoiceWorkflowId(invoice.id));
      await invoiceHandle.result();
      await save('application', 'after-payment-patch-paid-at-counter', client.workflow.getHandle(applicationWorkflowId(opened.id)));
      await save('invoice', 'child-of-payment-step-paid', invoiceHandle);
    });

    it('a failed check answered, a request answered, the task back to the officer, approved (after record-register-checks, reopened-task-to-asker)', async () => {
      const opened = (await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } }))
        .body;
      const app = await waitFor('prefill', async () => {
        const r = (await call('GET', `/api/v1/applications/${opened.id}`, { as: 'citizen-anna' })).body;
        return r.draft.data.applicant?.givenName ? r : null;
      });
      const data = {
        ...app.draft.data,
        newAddress: { text: 'Nekurienes iela 1, Rīga' },
        residenceBasis: 'other',
        residenceDocument: { kind: 'owner-consent', number: 'D-2026/7', date: '2026-11-02' },
        declarationDate: '2026-12-15',
        confirm: true,
      };
      const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
        as: 'citizen-anna',
        json: { version: app.draft.version, data },
      });
      await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } });
      const status = async () => (await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' })).body.status;
      await waitFor('the check to ask', async () => (await status()) === 'info_requested');
      await call('POST', `/api/v1/applications/${app.id}/info`, {
        as: 'citizen-anna',
        json: { data: { newAddress: { text: 'Dzirnavu iela 67 - 22, Rīga, LV-1011' } }, fileIds: [] },
      });
      const task = await waitFor('the task', async () =>
        (await call('GET', '/api/v1/tasks?limit=200&sort=-created_at', { as: 'officer-pmlp' })).body.items.find(
          (t: any) => t.caseId === app.id,
        ),
      );
      await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' });
      await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
        as: 'officer-pmlp',
        json: { outcome: 'requestInfo', message: 'Norādiet tiesisko pamatu.' },
      });
      await call('POST', `/api/v1/applications/${app.id}/info`, {
        as: 'citizen-anna',
        json: { data: { residenceBasis: 'tenant' }, fileIds: [] },
      });
      const back = await waitFor('the task back, claimed', async () =>
        (await call('GET', '/api/v1/tasks?limit=200&mine=true', { as: 'officer-pmlp' })).body.items.find(
          (t: any) => t.caseId === app.id && t.id !== task.id && t.status === 'claimed',
        ),
      );
      await call('POST', `/api/v1/tasks/${encodeURIComponent(back.id)}/complete`, { as: 'officer-pmlp', json: { outcome: 'approve' } });
      const handle = stack.temporal.client.workflow.getHandle(applicationWorkflowId(app.id));
      await handle.result();
      await save('application', 'after-officer-patches-check-answered-task-back-approved', handle);
    });

    it('a register down at prefill, back, then the draft withdrawn (after register-retry-capped)', async () => {
      const outage = (on: boolean) =>
        fetch(`${stack.simulators.urls.populationRegister}/_faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ outage: on }),
        });
      await outage(true);
      try {
        const client = stack.temporal.client;
        const app = await openResidenceDeclaration(stack.db.pool, async () => client, stack.taskQueue, 11);
        const handle = client.workflow.getHandle(applicationWorkflowId(app.caseId));
        await waitFor('waiting for the register', async () => (await handle.query(viewQuery)).waitingFor === 'population-register');
        await outage(false);
        await waitForPrefill(stack.db.pool, app.caseId);
        await handle.executeUpdate(withdrawUpdate, { args: [{ actor: citizenActor(registerPersons[11 % registerPersons.length]) }] });
        await handle.result();
        await save('application', 'after-register-patch-outage-then-withdrawn', handle);
      } finally {
        await outage(false);
      }
    });
  });
});
