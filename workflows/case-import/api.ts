// The case import workflow as the API sees it: its id and input. Only types and the id function, so Node code
// imports it without workflow code.

/** The business id of an import's workflow. */
export function caseImportWorkflowId(importId: string): string {
  return `case-import:${importId}`;
}

/** The workflow type the worker registers (workflows/index.ts exports a function of this name). */
export const CASE_IMPORT_WORKFLOW = 'caseImportWorkflow';

export interface CaseImportInput {
  importId: string;
  /** Set when the workflow continued as new part-way through a large file. */
  nextChunk?: number;
}

export interface CaseImportSummary {
  importId: string;
  chunks: number;
}
