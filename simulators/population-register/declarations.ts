// A declaration of residence as the population register simulator records it (PMLP-like field names), and the
// checks of its body: the address by its address register code, the date it applies from, the basis of the right to
// live there and, for a tenant or another basis, the document that gives it.

export const RESIDENCE_BASES = ['owner', 'tenant', 'family-member', 'other'] as const;
export type ResidenceBasis = (typeof RESIDENCE_BASES)[number];

export interface WireResidenceDocument {
  kind: string;
  number: string;
  issued_on: string;
}

export interface WireDeclaration {
  declaration_id: string;
  idempotency_key: string;
  person_code: string;
  aris_code: string;
  declared_from: string;
  basis: ResidenceBasis;
  document: WireResidenceDocument | null;
  case_id: string | null;
  recorded_at: string;
}

const isDay = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const text = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Problems with a declaration's body; empty when it can be recorded. */
export function declarationProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.aris_code !== 'string' || !/^[0-9]{6,12}$/.test(body.aris_code)) problems.push('aris_code must be an address code');
  if (!isDay(body.declared_from)) problems.push('declared_from must be a date (YYYY-MM-DD)');
  if (!RESIDENCE_BASES.includes(body.basis as ResidenceBasis)) problems.push(`basis must be one of ${RESIDENCE_BASES.join(', ')}`);
  const document = body.document as Record<string, unknown> | null | undefined;
  if (document !== undefined && document !== null) {
    if (!text(document.kind, 50) || !text(document.number, 100) || !isDay(document.issued_on)) {
      problems.push('document must be { kind, number, issued_on (YYYY-MM-DD) }');
    }
  } else if (body.basis === 'tenant' || body.basis === 'other') {
    problems.push('a tenant or another basis needs the document that gives the right to live at the address');
  }
  if (body.case_id !== undefined && body.case_id !== null && !text(body.case_id, 100)) problems.push('case_id must be a text');
  return problems;
}
