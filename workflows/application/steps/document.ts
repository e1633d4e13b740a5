// Issues a document (e.g. a decision) rendered from the step's template; its id is kept for later steps.
import type { IssueDocumentStep } from '../../../forms/eservice-definition/dsl';
import { renderText } from '../../../forms/eservice-definition/expressions';
import { acts } from '../activities-proxy';
import type { RunContext } from '../run-context';

export async function runIssueDocument(ctx: RunContext, step: IssueDocumentStep, _path: string): Promise<void> {
  const documentId = await acts.issueDocument({
    caseId: ctx.input.caseId,
    stepId: step.id,
    documentType: step.documentType,
    title: step.documentTitle,
    body: renderText(step.body, ctx.expressionData()),
    ...(step.administrativeAct ? { administrativeAct: step.administrativeAct } : {}),
  });
  ctx.state.steps[step.id] = { documentId };
}
