// Checks a PDF's signature with verifiers that share nothing with the platform's signing code: Poppler's pdfsig
// (Debian poppler-utils: the byte range's digest, the CMS signature, the PAdES SubFilter) and OpenSSL's `cms
// -verify` (the CMS signature again, and the certificate chain up to a CA the test trusts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

function inTemporaryDirectory<T>(work: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-signature-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfsig's report of the first signature: "Signature Validation", "Signature Type", … (its "  - Key: value" lines). */
export function pdfsig(pdf: Buffer): Record<string, string> {
  return inTemporaryDirectory((dir) => {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw new Error(`pdfsig could not run (apt-get install poppler-utils): ${r.error.message}`);
    const report: Record<string, string> = {};
    for (const m of r.stdout.matchAll(/^[ \t]+- ([^:\n]+): (.*)$/gm)) report[m[1]] ??= m[2].trim();
    if (Object.keys(report).length === 0) report.error = `${r.stdout}${r.stderr}`.trim();
    return report;
  });
}

/** The bytes a PDF signature covers (its /ByteRange) and the CMS in its /Contents, without the padding. */
export function signatureParts(pdf: Buffer): { signedBytes: Buffer; cms: Buffer; byteRange: number[] } {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('the PDF has no filled-in /ByteRange');
  const byteRange = m.slice(1).map(Number);
  const [a, b, c, d] = byteRange;
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString('latin1'), 'hex');
  // The DER length of the ContentInfo tells where the CMS ends and the zero padding begins.
  const lengthBytes = hex[1] & 0x80 ? hex[1] & 0x7f : 0;
  const length = lengthBytes ? hex.subarray(2, 2 + lengthBytes).reduce((n, byte) => n * 256 + byte, 0) : hex[1];
  return { signedBytes, cms: hex.subarray(0, 2 + lengthBytes + length), byteRange };
}

/** `openssl cms -verify` of the PDF's CMS over its signed bytes, trusting only `caPem`: exit code and output. */
export function opensslVerify(pdf: Buffer, caPem: string): { ok: boolean; output: string } {
  const { signedBytes, cms } = signatureParts(pdf);
  return inTemporaryDirectory((dir) => {
    const files = { cms: path.join(dir, 'sig.der'), content: path.join(dir, 'content.bin'), ca: path.join(dir, 'ca.pem') };
    fs.writeFileSync(files.cms, cms);
    fs.writeFileSync(files.content, signedBytes);
    fs.writeFileSync(files.ca, caPem);
    const r = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        files.cms,
        '-content',
        files.content,
        '-CAfile',
        files.ca,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (r.error) throw new Error(`openssl could not run: ${r.error.message}`);
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });
}

/** `openssl cms -cmsout -print` of the PDF's CMS: its structure as text (attribute names, algorithms). */
export function opensslPrint(pdf: Buffer): string {
  const { cms } = signatureParts(pdf);
  return inTemporaryDirectory((dir) => {
    const file = path.join(dir, 'sig.der');
    fs.writeFileSync(file, cms);
    const r = spawnSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`openssl cms -cmsout failed: ${r.stderr}`);
    return r.stdout;
  });
}
