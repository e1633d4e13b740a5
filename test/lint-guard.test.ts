// The ESLint guard of workflow code (eslint.config.mjs): a workflow module, at any depth, may import only types from
// the folders that do I/O; an area's api.ts, loaded by Node code, only define* calls and types. (It once matched only '../api/*', so workflows/application/* could import '../../api/…'.)
import { expect } from 'chai';
import { ESLint } from 'eslint';

async function problems(filePath: string, code: string): Promise<string[]> {
  // The project's own config, without type information (the probe is no file of the project) and with only the
  // rules under test, which need none.
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: the workflow sandbox guard', function () {
  this.timeout(120_000);

  it('refuses a value import from api/, db/ or activities/ at any depth, and lets a type import through', async () => {
    const nested = await problems(
      'workflows/application/guard-probe.ts',
      [
        "import { loadConfig } from '../../api/config';",
        "import { connectDatabase } from '../../db/connection';",
        "import type { Adapters } from '../../activities/adapters';",
        'export const probe = (a?: Adapters) => [loadConfig, connectDatabase, a];',
      ].join('\n'),
    );
    expect(nested.filter((p) => p.startsWith('no-restricted-imports'))).to.deep.equal([
      "no-restricted-imports: '../../api/config' import is restricted from being used by a pattern. Workflows import only types from other folders.",
      "no-restricted-imports: '../../db/connection' import is restricted from being used by a pattern. Workflows import only types from other folders.",
    ]);
  });

  it("keeps a workflow area's api.ts loadable from Node: define* calls and type imports only", async () => {
    const found = await problems(
      'workflows/invoice/api.ts',
      [
        "import { defineSignal, sleep } from '@temporalio/workflow';",
        "import { acts } from '../application/activities-proxy';",
        "import type { TaskOutcome } from '../application/dsl';",
        'export const probe = (o?: TaskOutcome) => [defineSignal, sleep, acts, o];',
      ].join('\n'),
    );
    expect(found).to.deep.equal([
      "no-restricted-imports: 'sleep' import from '@temporalio/workflow' is restricted because only 'defineSignal,defineQuery,defineUpdate' import(s) is/are allowed. A workflow's api.ts defines messages only.",
      "no-restricted-imports: '../application/activities-proxy' import is restricted from being used by a pattern. A workflow's api.ts imports only types: Node code loads it.",
    ]);
  });

  it('refuses Node builtins and I/O libraries in workflow code', async () => {
    const found = await problems(
      'workflows/guard-probe.ts',
      "import fs from 'node:fs';\nimport pg from 'pg';\nexport const probe = [fs, pg];\n",
    );
    expect(found.filter((p) => p.startsWith('no-restricted-imports'))).to.have.length(2);
  });
});

describe('lint: the direction of imports between the trees (docs/architecture.md)', function () {
  this.timeout(120_000);

  const refused = (found: string[]) =>
    found.filter((p) => p.startsWith('no-restricted-imports')).map((p) => p.split(' import is restricted')[0]);

  it('refuses a back-up import from activities/ or db/ into api/', async () => {
    expect(
      refused(await problems('activities/guard-probe.ts', "import { apiFor } from '../api/platform/app';\nexport const probe = apiFor;\n")),
    ).to.deep.equal(["no-restricted-imports: '../api/platform/app'"]);
    expect(
      refused(
        await problems(
          'db/cases/guard-probe.ts',
          [
            "import { ApiError } from '../../api/platform/errors';",
            "import { createActivities } from '../../activities';",
            "import type { Actor } from '../../workflows/application/api';",
            'export const probe = (a?: Actor) => [ApiError, createActivities, a];',
          ].join('\n'),
        ),
      ),
    ).to.deep.equal(["no-restricted-imports: '../../api/platform/errors'", "no-restricted-imports: '../../activities'"]);
  });

  it("lets api/ import a workflow's api.ts and adapters, and refuses workflow code, activities and scripts", async () => {
    expect(
      refused(
        await problems(
          'api/cases/guard-probe.ts',
          [
            "import { applicationWorkflowId } from '../../workflows/application/api';",
            "import { createAdapters } from '../../activities/adapters';",
            "import { applicationWorkflow } from '../../workflows/application/workflow';",
            "import { createActivities } from '../../activities';",
            "import { personas } from '../../scripts/seed/personas';",
            "import type { ApplicationInput } from '../../workflows/application/api';",
            'export const probe = (i?: ApplicationInput) => [applicationWorkflowId, createAdapters, applicationWorkflow, createActivities, personas, i];',
          ].join('\n'),
        ),
      ),
    ).to.deep.equal([
      "no-restricted-imports: '../../workflows/application/workflow'",
      "no-restricted-imports: '../../activities'",
      "no-restricted-imports: '../../scripts/seed/personas'",
    ]);
  });

  it('refuses a UI import from the server trees, and lets the UI import its own app/api', async () => {
    expect(
      refused(
        await problems(
          'ui/src/cases/guard-probe.ts',
          [
            "import { findCase } from '../../../api/cases/queries';",
            "import { apiFetch } from '../app/api/client';",
            'export const probe = [findCase, apiFetch];',
          ].join('\n'),
        ),
      ),
    ).to.deep.equal(["no-restricted-imports: '../../../api/cases/queries'"]);
  });
});
