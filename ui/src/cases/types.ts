// A case as "my cases" lists it (api/cases/presenter.ts): from any channel, with its status history. Generated from
// forms/api/case.schema.json (npm run generate:types).
import type { Case, CaseList } from '../../../forms/types/api';

export type CaseItem = Case;
/** GET /api/v1/me/cases: a page of them. */
export type CasePage = CaseList;
