// Pure helpers the interpreter uses on definition data: JSONLogic, {{placeholders}}, dot paths, JSON Pointers.
// Deterministic and free of I/O, so they run inside the workflow sandbox and in the API alike.
import jsonLogic from 'json-logic-js';
import type { Text } from './dsl';

export function evaluate(expression: unknown, context: unknown): unknown {
  return jsonLogic.apply(expression as jsonLogic.RulesLogic, context);
}

export function evaluateArgs(input: Record<string, unknown> | undefined, context: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, expr] of Object.entries(input ?? {})) out[name] = evaluate(expr, context);
  return out;
}

export function getPath(value: unknown, dotPath: string): unknown {
  let current = value;
  for (const key of dotPath.split('.')) {
    if (key === '') continue;
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const key of decodePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Returns a copy of `target` with `value` at `pointer`, creating objects on the way. */
export function setPointer<T extends Record<string, unknown>>(target: T, pointer: string, value: unknown): T {
  const keys = decodePointer(pointer);
  const root: Record<string, unknown> = { ...target };
  let node = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
    } else {
      const next = node[key];
      node[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
      node = node[key] as Record<string, unknown>;
    }
  });
  return root as T;
}

/** Fills {{a.b.c}} placeholders from the context; a missing value renders as an empty string. */
export function renderTemplate(template: string, context: unknown): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_m, path: string) => {
    const v = getPath(context, path);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export function renderText(text: Text, context: unknown): Text {
  return { lv: renderTemplate(text.lv, context), en: renderTemplate(text.en, context) };
}

/** Milliseconds of a DSL duration such as "5 days", "30m" or "2 hours" (the ms-style strings Temporal accepts). */
export function durationMs(text: string): number {
  const m = /^([0-9]+) ?(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/.exec(text);
  if (!m) throw new RangeError(`not a duration: ${text}`);
  const unit = m[2];
  const factor =
    unit === 'ms'
      ? 1
      : unit.startsWith('s')
        ? 1000
        : unit === 'm' || unit.startsWith('minute')
          ? 60_000
          : unit.startsWith('h')
            ? 3_600_000
            : 86_400_000;
  return Number(m[1]) * factor;
}
