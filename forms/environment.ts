// The inventory of environment variables (forms/config.schema.json, "x-environment"): what each means, its default,
// and which are secrets. One place answers "is this secret good enough for production?" and "which defaults did
// this process fall back to?" for the API, the worker and `npm start`.
import configSchema from './config.schema.json';

export interface SecretRule {
  /** "url-password": the secret is the password inside a URL (e.g. DATABASE_URL). */
  in?: 'url-password';
  minLength: number;
  /** Documented development values: never accepted in production. */
  devDefaults: string[];
  /** Checked only when set (e.g. REDIS_URL). */
  optional?: boolean;
}

export interface EnvironmentVariable {
  default: string | null;
  description: string;
  'x-secret'?: SecretRule;
}

export const ENVIRONMENT: Readonly<Record<string, EnvironmentVariable>> = (
  configSchema as unknown as { 'x-environment': { variables: Record<string, EnvironmentVariable> } }
)['x-environment'].variables;

export class ProductionSecretError extends Error {
  constructor(readonly problems: Array<{ variable: string; problem: string }>) {
    super(
      `Refusing to start in production: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}. ` +
        'Set real secrets (see "Running in production" in the README).',
    );
  }
}

function secretValue(raw: string, rule: SecretRule): string {
  if (rule.in !== 'url-password') return raw;
  try {
    return decodeURIComponent(new URL(raw).password);
  } catch {
    return '';
  }
}

/** What is wrong with the secrets of this environment in production; empty outside production or when all hold. */
export function productionSecretProblems(env: NodeJS.ProcessEnv): Array<{ variable: string; problem: string }> {
  if (env.NODE_ENV !== 'production') return [];
  const problems: Array<{ variable: string; problem: string }> = [];
  for (const [variable, spec] of Object.entries(ENVIRONMENT)) {
    const rule = spec['x-secret'];
    if (!rule) continue;
    const raw = env[variable];
    if (raw === undefined || raw === '') {
      if (!rule.optional) problems.push({ variable, problem: 'is missing' });
      continue;
    }
    const value = secretValue(raw, rule);
    const what = rule.in === 'url-password' ? 'has a password that' : '';
    if (value === '') problems.push({ variable, problem: rule.in === 'url-password' ? 'has no password' : 'is empty' });
    else if (rule.devDefaults.includes(value) || value === spec.default)
      problems.push({ variable, problem: `${what} is a documented development default`.trim() });
    else if (value.length < rule.minLength)
      problems.push({ variable, problem: `${what} is too short (at least ${rule.minLength} characters)`.trim() });
  }
  return problems;
}

/** Throws naming every variable that holds a missing, short or development secret while NODE_ENV=production. */
export function assertProductionSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const problems = productionSecretProblems(env);
  if (problems.length) throw new ProductionSecretError(problems);
}

/** Variables of the inventory (or of `names`) that are unset and have a default: what the process falls back to. */
export function defaultsInUse(
  env: NodeJS.ProcessEnv,
  names: string[] = Object.keys(ENVIRONMENT).filter((n) => !n.includes('<')),
): Array<{ variable: string; value: string }> {
  return names
    .filter((n) => ENVIRONMENT[n] && (env[n] === undefined || env[n] === '') && ENVIRONMENT[n].default !== null)
    .map((variable) => ({ variable, value: String(ENVIRONMENT[variable].default) }));
}

/** One line for the start-up log: "PORT=3000, TEMPORAL_ADDRESS=127.0.0.1:7233 …" (secrets are not printed). */
export function describeDefaults(env: NodeJS.ProcessEnv, names?: string[]): string {
  const used = defaultsInUse(env, names);
  if (used.length === 0) return 'no defaults: every setting is configured';
  return used
    .map(({ variable, value }) => (ENVIRONMENT[variable]['x-secret'] ? `${variable}=<development secret>` : `${variable}=${value}`))
    .join(', ');
}
