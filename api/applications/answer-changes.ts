// What the citizen changed in their answers to requests for information, field by field (previous and new value),
// and the application's data as it stands after them: the workflow merges each answer's fields over the form at the
// top level (run-context.ts waitForInfo), and so does this.
export interface FieldChange {
  /** The field, as a JSON pointer into the form data ("/newAddress/text"). */
  pointer: string;
  previous: unknown;
  value: unknown;
}

export interface AnswerChanges {
  answeredAt: Date;
  fields: FieldChange[];
  fileIds: string[];
}

type Json = Record<string, unknown>;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Every leaf of a value with its pointer (objects are walked; arrays and scalars are leaves). */
function leaves(value: unknown, base: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${base}/${escapeToken(k)}`, out);
  } else if (value !== undefined) {
    out.set(base, value);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Replays the answers over the data as submitted. `submitted` carries the answers' log (`additionalInformation`),
 * which is not a field of the form and is left out of the current data.
 */
export function answerChanges(
  submitted: Json | null,
  answers: Array<{ answer: Json; recordedAt: Date }>,
): { current: Json | null; changes: AnswerChanges[] } {
  if (!submitted) return { current: null, changes: [] };
  const { additionalInformation: _log, ...original } = submitted;
  let current: Json = original;
  const changes: AnswerChanges[] = [];
  for (const { answer, recordedAt } of answers) {
    const { fileIds, ...data } = answer;
    const fields: FieldChange[] = [];
    for (const [key, value] of Object.entries(data)) {
      const before = leaves(current[key], `/${escapeToken(key)}`, new Map());
      const after = leaves(value, `/${escapeToken(key)}`, new Map());
      for (const pointer of new Set([...before.keys(), ...after.keys()])) {
        if (!same(before.get(pointer), after.get(pointer)))
          fields.push({ pointer, previous: before.get(pointer) ?? null, value: after.get(pointer) ?? null });
      }
    }
    current = { ...current, ...data };
    changes.push({ answeredAt: recordedAt, fields, fileIds: Array.isArray(fileIds) ? fileIds.map(String) : [] });
  }
  return { current, changes };
}
