// DejaVu Sans for every PDF the platform renders: it covers every Latvian letter (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž),
// which the PDF standard fonts do not. Parsing a TrueType file costs ~15 ms of CPU, so each face is parsed once per
// process and handed to pdfkit as a fontkit font (pdfkit still embeds a fresh subset per document).
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

// fontkit ships no types; pdfkit accepts any object with a `layout` function as an already parsed font.
interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(codePoint: number): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(data: Uint8Array): unknown };

const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FACES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
type Face = keyof typeof FACES;

const parsed = new Map<Face, unknown>();

function face(name: Face): PDFKit.Mixins.PDFFontSource {
  let font = parsed.get(name);
  if (!font) {
    const created = fontkit.create(readFileSync(path.join(FONT_DIR, FACES[name]))) as FontkitFont;
    // fontkit caches each glyph with the code points it was first asked for, and pdfkit's subsetter asks for the
    // parts of a composite glyph (the n of ņ) with none: the next document sharing this font would then write that
    // glyph into its text layer (ToUnicode) as nothing ("deklarēšau"). Asking for each glyph by its code point first
    // caches it with its own; once per process, ~60 ms. A compatibility character (the ligature ﬁ) is left to the
    // layout, which reaches the same glyph from "fi" and must write "fi".
    for (const codePoint of created.characterSet) {
      const character = String.fromCodePoint(codePoint);
      if (character.normalize('NFKD') === character.normalize('NFD')) created.glyphForCodePoint(codePoint);
    }
    font = created;
    parsed.set(name, font);
  }
  return font as PDFKit.Mixins.PDFFontSource;
}

/** Registers `regular` and `bold` on a document. */
export function registerPlatformFonts(pdf: InstanceType<typeof PDFDocument>): void {
  pdf.registerFont('regular', face('regular'));
  pdf.registerFont('bold', face('bold'));
}
