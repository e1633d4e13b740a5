// Reads the text back out of a PDF written by pdfkit, for assertions: inflates the streams, maps each font's glyph
// codes (Identity-H, two bytes) to Unicode through its ToUnicode CMap and walks the Tf / Tj / TJ operators.
// Not a general PDF parser; enough for the documents this platform renders. Every reading is checked against
// Poppler's pdftotext (an independent reader): a line one of them cannot find fails the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';

interface PdfObject {
  id: string;
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): PdfObject[] {
  const text = pdf.toString('latin1');
  const out: PdfObject[] = [];
  const re = /(\d+) 0 obj\b([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2];
    const s = body.search(/stream\r?\n/);
    if (s < 0) {
      out.push({ id: m[1], dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, s);
    const bodyStart = m.index + m[0].length - 'endobj'.length - body.length;
    const start = bodyStart + s + body.slice(s).match(/stream\r?\n/)![0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    let raw = pdf.subarray(start, end);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) raw = zlib.inflateSync(raw);
    out.push({ id: m[1], dict, stream: raw });
  }
  return out;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g;
    for (let m = re.exec(block); m; m = re.exec(block)) {
      const from = parseInt(m[1], 16);
      const to = parseInt(m[2], 16);
      if (m[3].startsWith('[')) {
        // A ligature maps to several code points: <0066 0069>.
        const dsts = m[3].match(/<[0-9a-fA-F\s]*>/g)!.map((d) => d.slice(1, -1).replace(/\s+/g, ''));
        dsts.forEach((d, i) => map.set(from + i, utf16(d)));
      } else {
        const base = parseInt(m[3].slice(1, -1), 16);
        for (let c = from; c <= to; c += 1) map.set(c, String.fromCharCode(base + c - from));
      }
    }
  }
  for (const block of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g;
    for (let m = re.exec(block); m; m = re.exec(block)) map.set(parseInt(m[1], 16), utf16(m[2]));
  }
  return map;
}

/** The text of every page, one line per text object. */
function ownReading(pdf: Buffer): string {
  const objs = objects(pdf);
  const byId = new Map(objs.map((o) => [o.id, o]));
  const cmaps = new Map<string, Map<number, string>>(); // font resource name → glyph code → text
  for (const o of objs) {
    for (const m of o.dict.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
      const font = byId.get(m[2]);
      const tu = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
      const cmap = tu && byId.get(tu[1])?.stream;
      if (cmap) cmaps.set(m[1], parseCmap(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objs) {
    if (!o.stream || !/\/Length/.test(o.dict) || /\/(Type|Subtype)\s*\/(XObject|Image|FontFile|CIDFontType)/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    let line = '';
    const re = /\/(F\d+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g;
    for (let m = re.exec(content); m; m = re.exec(content)) {
      if (m[1]) font = cmaps.get(m[1]);
      else if (m[0] === 'ET') {
        if (line) lines.push(line);
        line = '';
      } else {
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [m[3]];
        for (const hex of hexes) for (const code of hex.match(/.{4}/g) ?? []) line += font?.get(parseInt(code, 16)) ?? '\ufffd';
      }
    }
  }
  return lines.join('\n');
}

/**
 * The same PDF read by Poppler's pdftotext (Debian poppler-utils), a reader that shares nothing with pdfkit or the
 * reader above: its non-blank lines, spaces collapsed.
 */
export function popplerLines(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdftotext-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw new Error(`pdftotext could not run (apt-get install poppler-utils): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    return r.stdout
      .split(/\n|\f/)
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every word our reader finds, Poppler finds too, as often: the text layer says what both read. (Words, not lines:
 * Poppler orders a multi-column page by position, our reader by drawing order.)
 */
export function expectReadersAgree(pdf: Buffer): void {
  const count = (text: string) => {
    const words = new Map<string, number>();
    for (const w of text.split(/\s+/).filter(Boolean)) words.set(w, (words.get(w) ?? 0) + 1);
    return words;
  };
  const poppler = popplerLines(pdf);
  const theirs = count(poppler.join(' '));
  const missing = [...count(ownReading(pdf))].filter(([w, n]) => (theirs.get(w) ?? 0) < n).map(([w]) => w);
  if (missing.length) throw new Error(`pdftotext does not read ${JSON.stringify(missing)}; it reads:\n${poppler.join('\n')}`);
}

/** The PDF's text, one line per text object, as our reader finds it, after checking that Poppler reads the same. */
export function pdfText(pdf: Buffer): string {
  expectReadersAgree(pdf);
  return ownReading(pdf);
}
