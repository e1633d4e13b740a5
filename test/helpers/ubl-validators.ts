// The official validators of a Peppol BIS Billing 3.0 invoice, run on a batch of UBL documents at once (each JVM
// start costs a second or two, so every invoice of a test file goes through one xmllint and two Saxon runs):
//  1. the OASIS UBL 2.1 XSD (xmllint),
//  2. CEN's pre-compiled EN 16931 UBL rules (XSLT 2.0, Saxon-HE),
//  3. the Peppol BIS 3.0 rules (PEPPOL-EN16931-UBL.sch, compiled to XSLT by test/helpers/schematron, then Saxon-HE).
// The artefacts are kept unchanged under forms/standards (see its README). A failed assert flagged fatal or error
// is a failure; warnings are returned apart.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '../..');
const STANDARDS = path.join(ROOT, 'forms/standards');
const UBL_XSD = path.join(STANDARDS, 'ubl-2.1/maindoc/UBL-Invoice-2.1.xsd');
const EN16931_XSLT = path.join(STANDARDS, 'en16931-ubl/xslt/EN16931-UBL-validation.xslt');
const PEPPOL_SCH = path.join(STANDARDS, 'peppol-bis-3/PEPPOL-EN16931-UBL.sch');
const SCHEMATRON_COMPILER = path.join(__dirname, 'schematron/iso-schematron-to-xslt.xsl');
/** Debian's libsaxonhe-java; SAXON_JAR points elsewhere. */
const SAXON_JAR = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

export interface AssertFailure {
  id: string;
  flag: string;
  text: string;
  location: string;
}
export interface UblVerdict {
  /** xmllint's schema errors. */
  xsd: string[];
  /** EN 16931 failed asserts flagged fatal or error. */
  en16931: AssertFailure[];
  /** Peppol BIS 3.0 failed asserts flagged fatal or error. */
  peppol: AssertFailure[];
  /** Failed asserts flagged warning (either rule set): reported, not failures. */
  warnings: AssertFailure[];
}

function saxon(args: string[]): void {
  const r = spawnSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Saxon failed (${r.status}): ${r.error?.message ?? ''}\n${r.stderr}`);
}

const svrlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => name === 'failed-assert',
});

function failedAsserts(svrlFile: string): AssertFailure[] {
  const out = svrlParser.parse(fs.readFileSync(svrlFile, 'utf8'))['schematron-output'];
  return (out['failed-assert'] ?? []).map((f: any) => ({
    id: f.id,
    flag: f.flag ?? 'error',
    location: f.location,
    text: String(typeof f.text === 'object' ? (f.text['#text'] ?? '') : (f.text ?? '')).trim(),
  }));
}

/** xmllint prints "<file> validates" or "<file>:<line>: … error …" per document. */
function xsdErrors(files: string[]): Map<string, string[]> {
  const r = spawnSync('xmllint', ['--noout', '--schema', UBL_XSD, ...files], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint could not run: ${r.error.message}`);
  const errors = new Map(files.map((f) => [f, [] as string[]]));
  for (const line of r.stderr.split('\n')) {
    const file = files.find((f) => line.startsWith(`${f}:`));
    if (file) errors.get(file)!.push(line.slice(file.length + 1));
  }
  for (const f of files)
    if (r.status !== 0 && !errors.get(f)!.length && !r.stderr.includes(`${f} validates`)) errors.get(f)!.push(r.stderr.trim());
  return errors;
}

const isFailure = (a: AssertFailure) => a.flag === 'fatal' || a.flag === 'error';

/** CEN's schematron source of the same EN 16931 rules: checks the schematron compiler against CEN's own XSLT. */
export const EN16931_SCH = path.join(STANDARDS, 'en16931-ubl/preprocessed/EN16931-UBL-validation-preprocessed.sch');

/**
 * The ids of the failed asserts (every flag) per document, by CEN's pre-compiled EN 16931 XSLT and by a schematron
 * file compiled here; for checking the compiler itself.
 */
export function failedAssertIdsBoth(
  documents: Record<string, string>,
  sch: string,
): Record<string, { official: string[]; compiled: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-compare-'));
  try {
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    const names = Object.keys(documents);
    names.forEach((name, i) => fs.writeFileSync(path.join(input, `${i}.xml`), documents[name]));
    const compiled = path.join(dir, 'compiled.xslt');
    saxon([`-s:${sch}`, `-xsl:${SCHEMATRON_COMPILER}`, `-o:${compiled}`]);
    for (const out of ['official', 'compiled']) fs.mkdirSync(path.join(dir, out));
    saxon([`-s:${input}`, `-xsl:${EN16931_XSLT}`, `-o:${path.join(dir, 'official')}`]);
    saxon([`-s:${input}`, `-xsl:${compiled}`, `-o:${path.join(dir, 'compiled')}`]);
    const ids = (file: string) =>
      failedAsserts(file)
        .map((a) => a.id)
        .sort();
    return Object.fromEntries(
      names.map((name, i) => [
        name,
        {
          official: ids(path.join(dir, 'official', `${i}.xml`)),
          compiled: ids(path.join(dir, 'compiled', `${i}.xml`)),
        },
      ]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Validates every document; the verdicts are keyed like the input. */
export function validateUbl(documents: Record<string, string>): Record<string, UblVerdict> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ubl-validate-'));
  try {
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    const names = Object.keys(documents);
    const file = (name: string) => `${names.indexOf(name)}.xml`;
    for (const name of names) fs.writeFileSync(path.join(input, file(name)), documents[name]);

    const xsd = xsdErrors(names.map((n) => path.join(input, file(n))));
    const peppolXslt = path.join(dir, 'peppol.xslt');
    saxon([`-s:${PEPPOL_SCH}`, `-xsl:${SCHEMATRON_COMPILER}`, `-o:${peppolXslt}`]);
    for (const out of ['en16931', 'peppol']) fs.mkdirSync(path.join(dir, out));
    saxon([`-s:${input}`, `-xsl:${EN16931_XSLT}`, `-o:${path.join(dir, 'en16931')}`]);
    saxon([`-s:${input}`, `-xsl:${peppolXslt}`, `-o:${path.join(dir, 'peppol')}`]);

    return Object.fromEntries(
      names.map((name) => {
        const en = failedAsserts(path.join(dir, 'en16931', file(name)));
        const pe = failedAsserts(path.join(dir, 'peppol', file(name)));
        return [
          name,
          {
            xsd: xsd.get(path.join(input, file(name)))!,
            en16931: en.filter(isFailure),
            peppol: pe.filter(isFailure),
            warnings: [...en, ...pe].filter((a) => !isFailure(a)),
          },
        ];
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The validators are machine tools (Debian libxml2-utils, libsaxonhe-java + a JRE); say clearly when one is missing. */
export function missingValidators(): string[] {
  const missing: string[] = [];
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    missing.push('xmllint (apt-get install libxml2-utils)');
  }
  if (!fs.existsSync(SAXON_JAR)) missing.push(`${SAXON_JAR} (apt-get install libsaxonhe-java)`);
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    missing.push('java (apt-get install default-jre-headless)');
  }
  return missing;
}

/** One line per failure, for assertion messages. */
export function verdictText(v: UblVerdict): string {
  return [...v.xsd.map((e) => `XSD ${e}`), ...[...v.en16931, ...v.peppol].map((a) => `${a.id} [${a.flag}] ${a.text} @ ${a.location}`)].join(
    '\n',
  );
}
