// JSON-LD → RDF (jsonld, in safe mode: anything it cannot turn into triples is an error, not silently dropped) and
// SHACL validation (rdf-validate-shacl) against the CPSV-AP 3.2 shapes, kept in the repository (forms/shapes) as the
// official file, unchanged, so a fresh clone validates against exactly what the standard publishes.
import fs from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SHAPES_FILE = path.resolve(__dirname, '../../forms/shapes/cpsv-ap-3.2.0-SHACL.ttl');
let shapes: Store | undefined;
// DCAT-AP 3.0.1 (forms/standards/dcat-ap-3): the mandatory constraints, the class ranges and the recommended
// properties. The vocabulary shapes are left out: they check membership of the EU controlled vocabularies, which
// are not available offline (the output names the vocabularies' IRIs and types the nodes itself).
const DCAT_AP_FILES = ['html_shacl_shapes.ttl', 'html_shacl_range.ttl', 'html_shacl_shapes_recommended.ttl'].map((f) =>
  path.resolve(__dirname, '../../forms/standards/dcat-ap-3', f),
);
let dcatApShapes: Store | undefined;

export async function toStore(document: unknown): Promise<Store> {
  const nquads = (await jsonld.toRDF(
    document as jsonld.JsonLdDocument,
    { format: 'application/n-quads', safe: true } as jsonld.Options.ToRdf,
  )) as unknown as string;
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

export interface ShaclOutcome {
  conforms: boolean;
  violations: string[];
  triples: number;
}

export async function validateCpsvAp(document: unknown): Promise<ShaclOutcome> {
  shapes ??= new Store(new Parser().parse(fs.readFileSync(SHAPES_FILE, 'utf8')));
  return validateWith(shapes, document);
}

/** Every result of the DCAT-AP 3 shapes counts, whatever its severity (the recommended ones are warnings). */
export async function validateDcatAp(document: unknown): Promise<ShaclOutcome> {
  dcatApShapes ??= new Store(DCAT_AP_FILES.flatMap((f) => new Parser().parse(fs.readFileSync(f, 'utf8'))));
  const outcome = await validateWith(dcatApShapes, document);
  return { ...outcome, conforms: outcome.violations.length === 0 };
}

async function validateWith(shapeStore: Store, document: unknown): Promise<ShaclOutcome> {
  const data = await toStore(document);
  const report = await new SHACLValidator(shapeStore).validate(data);
  const violations = report.results.map((r) =>
    [
      r.severity?.value.replace(/^.*#/, ''),
      r.focusNode?.value,
      r.path?.value,
      r.sourceConstraintComponent?.value.replace(/^.*#/, ''),
      r.value?.value,
      r.message.map((m) => m.value).join(' '),
    ]
      .filter(Boolean)
      .join(' | '),
  );
  return { conforms: report.conforms, violations, triples: data.size };
}

/** The objects of subject–predicate in a store, as strings (IRIs and literal values alike). */
export function objectsOf(store: Store, subject: string, predicate: string): string[] {
  return store.getObjects(subject, predicate, null).map((o) => o.value);
}

export function subjectsOfType(store: Store, type: string): string[] {
  return store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', type, null).map((s) => s.value);
}
