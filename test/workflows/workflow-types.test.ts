// The workflow type names that the API and other workflows start by (each area's api.ts) are the names the worker
// registers: workflows/index.ts exports a function of each name, and every function it exports has a constant.
import { expect } from 'chai';
import * as workflows from '../../workflows';
import { APPLICATION_WORKFLOW } from '../../workflows/application/api';
import { INVOICE_WORKFLOW } from '../../workflows/invoice/api';
import { CASE_IMPORT_WORKFLOW } from '../../workflows/case-import/api';
import { CASE_PARTITIONS_WORKFLOW } from '../../workflows/case-partitions/api';
import { CATALOG_CHANGE_WORKFLOW, CATALOG_FRESHNESS_WORKFLOW, CATALOG_PUBLICATION_WORKFLOW } from '../../workflows/catalog/api';

describe('workflows: the type names in each api.ts', () => {
  it('are exactly the workflows the worker registers', () => {
    const named = [
      APPLICATION_WORKFLOW,
      INVOICE_WORKFLOW,
      CASE_IMPORT_WORKFLOW,
      CASE_PARTITIONS_WORKFLOW,
      CATALOG_PUBLICATION_WORKFLOW,
      CATALOG_CHANGE_WORKFLOW,
      CATALOG_FRESHNESS_WORKFLOW,
    ];
    const registered = Object.entries(workflows)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    expect([...named].sort()).to.deep.equal([...registered].sort());
    for (const name of named) expect((workflows as Record<string, { name: string }>)[name].name, name).to.equal(name);
  });
});
