// Agency-defined e-services: drafts an agency admin edits, and immutable published versions that applications
// are pinned to. A definition is checked against the DSL schema and for sense (unique step ids, a form schema that
// compiles, JSONLogic with known operators in every expression and register input) before it can be published.
import type { Pool } from 'pg';
import jsonLogic from 'json-logic-js';
import { createValidator, DEFINITION_SCHEMA_ID } from '../../forms/validator';
import { DomainError, notFoundError, type DomainErrorDetail as ErrorDetail } from '../domain/domain-error';
import { toDetails } from '../../forms/validation';
import { addFormRuleKeywords } from '../../forms/form-rules';
import type { EServiceDefinition, Step } from '../../forms/eservice-definition/dsl';
import { referenceData } from '../reference';
import { inTransaction } from '../transaction';
import { eserviceDefinitionModels } from './models';

// strict: false: the DSL schema leaves "type": "object" implicit beside "required" (ajv's strictTypes).
const validateDsl = createValidator({ strict: false, useDefaults: false, schemas: ['definition'] }).getSchema(DEFINITION_SCHEMA_ID)!;

/** A separate ajv for the forms inside definitions: agencies' schemas must compile but may use any keyword, and the
 * platform's own (forms/form-rules.ts: date bounds, address fields) are checked as the browser checks them.
 * Defaults declared in a form apply at submission, so a one-click e-service needs no typing at all. */
export const formAjv = addFormRuleKeywords(createValidator({ strict: false, useDefaults: true, schemas: [] }));

function* allSteps(steps: Step[], prefix: string): Generator<[Step, string]> {
  for (const [i, step] of steps.entries()) {
    yield [step, `${prefix}/${i}`];
    if (step.kind === 'branch') {
      yield* allSteps(step.then, `${prefix}/${i}/then`);
      if (step.else) yield* allSteps(step.else, `${prefix}/${i}/else`);
    }
  }
}

const EXPRESSION_FIELDS = ['condition', 'if', 'amountEur'] as const;

/** Whether JSONLogic knows the operator: an unknown one throws at evaluation, and the application would hang there. */
function knownOperator(op: string): boolean {
  try {
    jsonLogic.apply({ [op]: [] } as jsonLogic.RulesLogic, {});
    return true;
  } catch (e) {
    return !/^Unrecognized operation/.test((e as Error).message);
  }
}

/** Why the interpreter could not evaluate `expr`, or null. Objects inside an expression that are not logic are values. */
function expressionProblem(expr: unknown, top = true): string | null {
  if (Array.isArray(expr)) return expr.map((e) => expressionProblem(e, false)).find((p) => p) ?? null;
  if (expr === null || typeof expr !== 'object') return null;
  if (!jsonLogic.is_logic(expr)) return top ? 'not a JSONLogic expression' : null;
  const op = jsonLogic.get_operator(expr);
  if (!knownOperator(op)) return `unknown operator "${op}"`;
  return expressionProblem((expr as Record<string, unknown>)[op], false);
}

/** Returns the problems of a definition, or an empty list. */
export function checkDefinition(candidate: unknown): ErrorDetail[] {
  if (!validateDsl(candidate)) return toDetails(validateDsl.errors);
  const def = candidate as unknown as EServiceDefinition;
  const problems: ErrorDetail[] = [];
  try {
    formAjv.compile(def.form.schema);
  } catch (e) {
    problems.push({ path: '/form/schema', code: 'form_schema_invalid', message: (e as Error).message });
  }
  problems.push(...identityFillProblems(def));
  const seen = new Set<string>();
  const visit = [...allSteps(def.prefill ?? [], '/prefill'), ...allSteps(def.steps, '/steps')];
  for (const [step, path] of visit) {
    if (seen.has(step.id)) problems.push({ path: `${path}/id`, code: 'duplicate_step_id', message: `step id "${step.id}" is used twice` });
    seen.add(step.id);
    const fields = step as unknown as Record<string, unknown>;
    const expressions: Array<[string, unknown]> = [
      ...EXPRESSION_FIELDS.map((field): [string, unknown] => [field, fields[field]]),
      ...Object.entries((fields.input ?? {}) as Record<string, unknown>).map(([name, expr]): [string, unknown] => [
        `input/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        expr,
      ]),
    ];
    for (const [field, expr] of expressions) {
      const problem = expressionProblem(expr);
      if (problem) problems.push({ path: `${path}/${field}`, code: 'invalid_expression', message: problem });
    }
    problems.push(...internalNameProblems(def, step, path));
    problems.push(...registerWriteProblems(step, path));
  }
  return problems;
}

/** Register operations that change the register: run once after a decision (callSystem), never on opening a draft
 * (prefill) nor in a check the citizen may repeat (registryCheck). */
const REGISTER_WRITES = new Set(['population-register.declareResidence']);

function registerWriteProblems(step: Step, path: string): ErrorDetail[] {
  if (step.kind !== 'prefill' && step.kind !== 'registryCheck') return [];
  if (!REGISTER_WRITES.has(`${step.register}.${step.operation}`)) return [];
  return [
    {
      path: `${path}/operation`,
      code: 'register_write_not_allowed',
      message: `${step.operation} changes the ${step.register}: use it in a callSystem step, after the decision`,
    },
  ];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Texts of a step that a citizen reads (a register check's failure, a notification). */
const CITIZEN_TEXTS: Record<string, string[]> = { registryCheck: ['failMessage'], notify: ['subject', 'body'] };

/** The form's field names as the code knows them ("newAddress"), at any depth. */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  for (const [name, sub] of Object.entries(props)) {
    into.add(name);
    propertyNames(sub, into);
  }
  return into;
}

/**
 * A message to a person never names a field by its internal name ("field newAddress"): it names what to do. Placeholders
 * ({{form.newAddress.text}}) are values filled in, not names, and are allowed; a plain word that is also a field name
 * ("email") only counts when it is written as code is (camelCase, or with a dash or an underscore).
 */
function internalNameProblems(def: EServiceDefinition, step: Step, path: string): ErrorDetail[] {
  const fields = step as unknown as Record<string, unknown>;
  const codeLike = [...propertyNames(def.form.schema)].filter((n) => /[a-z][A-Z]|[_-]/.test(n));
  const problems: ErrorDetail[] = [];
  for (const field of CITIZEN_TEXTS[step.kind] ?? []) {
    for (const [lang, text] of Object.entries((fields[field] ?? {}) as Record<string, unknown>)) {
      if (typeof text !== 'string') continue;
      const plain = text.replace(/\{\{[^}]*\}\}/g, ' ');
      const named = codeLike.find((n) => new RegExp(`(^|[^\\p{L}\\p{N}_-])${escapeRegExp(n)}($|[^\\p{L}\\p{N}_-])`, 'u').test(plain));
      if (named)
        problems.push({
          path: `${path}/${field}/${lang}`,
          code: 'internal_field_name',
          message: `names the form field "${named}" by its internal name: say what the person should do instead`,
        });
    }
  }
  return problems;
}

/** identityFill may only fill string fields the form has: a pointer that names none would fill nothing, silently. */
function identityFillProblems(def: EServiceDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const pointer of Object.keys(def.identityFill ?? {})) {
    let node: unknown = def.form.schema;
    for (const key of pointer.split('/').slice(1)) {
      node = (node as { properties?: Record<string, unknown> } | undefined)?.properties?.[key];
    }
    if ((node as { type?: unknown } | undefined)?.type !== 'string') {
      problems.push({
        path: `/identityFill/${pointer.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        code: 'unknown_field',
        message: `the form has no text field at ${pointer}`,
      });
    }
  }
  return problems;
}

export interface DefinitionSummary {
  id: string;
  agencyId: string;
  serviceId: string;
  latestVersion: number;
  hasDraft: boolean;
  title: unknown;
  draftUpdatedAt: string | null;
}

export async function saveDraft(
  pool: Pool,
  agencyId: string,
  author: string,
  definition: Record<string, unknown>,
  opts: { create: boolean; id?: string },
): Promise<{ id: string; created: boolean }> {
  const id = String(definition.id ?? '');
  if (opts.id && opts.id !== id)
    throw new DomainError('id_mismatch', 'The definition id must equal the id in the path.', [
      { path: '/id', code: 'id_mismatch', message: `expected ${opts.id}` },
    ]);
  const serviceId = String(definition.serviceId ?? '');
  const ref = await referenceData(pool);
  const service = ref.services.get(serviceId);
  if (!service || service.agencyId !== agencyId) {
    throw new DomainError('unknown_service', `Your agency has no service "${serviceId}".`, [
      { path: '/serviceId', code: 'unknown_service', message: 'not a service of your agency' },
    ]);
  }
  // Drafts may be incomplete, but must at least be shaped like a definition with a valid id.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
    throw new DomainError('invalid_id', 'The definition id must be a kebab-case slug.', [
      { path: '/id', code: 'pattern', message: 'kebab-case slug' },
    ]);
  const existing = await eserviceDefinitionModels(pool).definition.findByPk(id, { attributes: ['agencyId'] });
  if (existing && existing.agencyId !== agencyId) throw new DomainError('id_taken', 'Another agency uses this e-service id.');
  if (opts.create && existing) throw new DomainError('already_exists', 'This e-service exists; change its draft with PUT.');
  if (!opts.create && !existing) throw notFoundError('e-service definition');
  await pool.query(
    `INSERT INTO eservice_definitions (id, agency_id, service_id, draft, draft_updated_at, draft_updated_by, created_by)
     VALUES ($1, $2, $3, $4, now(), $5, $5)
     ON CONFLICT (id) DO UPDATE SET service_id = EXCLUDED.service_id, draft = EXCLUDED.draft, draft_updated_at = now(), draft_updated_by = EXCLUDED.draft_updated_by`,
    [id, agencyId, serviceId, JSON.stringify(definition), author],
  );
  return { id, created: !existing };
}

export async function publish(pool: Pool, agencyId: string, id: string, author: string): Promise<{ version: number }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query('SELECT agency_id, draft, latest_version FROM eservice_definitions WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0] || rows[0].agency_id !== agencyId) throw notFoundError('e-service definition');
    if (!rows[0].draft) throw new DomainError('no_draft', 'There is no draft to publish.');
    const problems = checkDefinition(rows[0].draft);
    if (problems.length) throw new DomainError('definition_invalid', 'The draft is not a valid e-service definition.', problems);
    const version = Number(rows[0].latest_version) + 1;
    await client.query('INSERT INTO eservice_definition_versions (definition_id, version, content, published_by) VALUES ($1, $2, $3, $4)', [
      id,
      version,
      JSON.stringify(rows[0].draft),
      author,
    ]);
    await client.query('UPDATE eservice_definitions SET latest_version = $2, draft = NULL WHERE id = $1', [id, version]);
    return { version };
  });
}

export async function publishedVersion(
  pool: Pool,
  id: string,
  version?: number,
): Promise<{ version: number; content: EServiceDefinition; agencyId: string; publishedAt: Date } | null> {
  const { rows } = await pool.query(
    `SELECT v.version, v.content, v.published_at, d.agency_id FROM eservice_definition_versions v JOIN eservice_definitions d ON d.id = v.definition_id
      WHERE v.definition_id = $1 AND v.version = COALESCE($2, d.latest_version)`,
    [id, version ?? null],
  );
  return rows[0]
    ? { version: rows[0].version, content: rows[0].content, agencyId: rows[0].agency_id, publishedAt: rows[0].published_at }
    : null;
}
