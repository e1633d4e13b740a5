// The application's own record as the interpreter moves it on: the definition it runs, its status (the one
// appendStatus), why it waits, register data prefilled into the draft, the submission and answers to requests for
// information.
import type { Pool } from 'pg';
import type { EServiceDefinition, Text } from '../../forms/eservice-definition/dsl';
import type { Actor } from '../../workflows/application/api';
import type { CaseStatus } from '../../db/domain/case-status';
import { DomainError } from '../../db/domain/domain-error';
import { appendStatus } from '../../db/cases/append-status';
import { appendInfoAnswer, markSubmitted, mergePrefill, setWaitingReason } from '../../db/applications/applications';
import { republishCurrentStatus } from '../../db/cases/status-events';
import { definitionVersionContent } from '../../db/eservice-definitions/reads';
import { audit } from '../../db/audit';
import { activityKey, definitionError } from './case-recipient';

export function createCaseProgressActivities({ pool }: { pool: Pool }) {
  return {
    async loadDefinition(definitionId: string, version: number): Promise<EServiceDefinition> {
      const content = await definitionVersionContent(pool, definitionId, version);
      if (!content) throw definitionError(`definition ${definitionId} v${version} not found`);
      return content;
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
  };
}
