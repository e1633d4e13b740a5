// The export as a PDF for people: each section under its title in Latvian and English, each record as its fields
// (a text in both languages as "lv / en"). Rendered with pdfkit and the platform's fonts (DejaVu Sans: every Latvian
// letter), as activities/documents renders issued documents.
import PDFDocument from 'pdfkit';
import { registerPlatformFonts } from '../../activities/documents/pdf-fonts';
import { latvianDate, englishDate, rigaDate } from '../../activities/documents/latvian-calendar';
import type { DataExport } from '../../forms/types/api';

const MAX_DEPTH = 4;

/** Field names people read in both languages; any other field shows by its name, as in the JSON. */
const LABELS: Record<string, string> = {
  at: 'Laiks / When',
  who: 'Iestāde / Institution',
  role: 'Amats / Role',
  what: 'Dati / Data',
  purpose: 'Mērķis / Purpose',
  text: 'Apraksts / Description',
  legalBasis: 'Tiesiskais pamats / Legal basis',
  caseId: 'Lieta / Case',
  status: 'Statuss / Status',
  title: 'Nosaukums / Title',
};

const isText = (v: unknown): v is { lv: string; en: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === 'en,lv';

/** A record's fields as indented lines: `label: value`, nested objects and lists one level further in. */
function lines(value: unknown, depth = 0, key?: string): Array<{ depth: number; text: string }> {
  const label = key === undefined ? undefined : (LABELS[key] ?? key);
  const prefix = label ? `${label}: ` : '';
  if (value === null || value === undefined) return label ? [{ depth, text: `${prefix}—` }] : [];
  if (isText(value)) return [{ depth, text: `${prefix}${value.lv} / ${value.en}` }];
  if (typeof value !== 'object') return [{ depth, text: `${prefix}${String(value)}` }];
  if (depth >= MAX_DEPTH) return [{ depth, text: `${prefix}${JSON.stringify(value)}` }];
  const head = label ? [{ depth, text: label }] : [];
  if (Array.isArray(value)) {
    if (value.length === 0) return label ? [{ depth, text: `${prefix}—` }] : [];
    return [...head, ...value.flatMap((v, i) => lines(v, depth + (label ? 1 : 0), `${i + 1}.`))];
  }
  return [...head, ...Object.entries(value).flatMap(([k, v]) => lines(v, depth + (label ? 1 : 0), k))];
}

export function renderExportPdf(doc: DataExport): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const today = rigaDate(new Date(doc.exportedAt));
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: 'Mani dati / My data', Author: 'Valsts pārvaldes pakalpojumu portāls', CreationDate: new Date(doc.exportedAt) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerPlatformFonts(pdf);
    pdf.font('bold').fontSize(18).fillColor('#000').text('Mani dati');
    pdf.font('regular').fontSize(12).fillColor('#333').text('My data');
    pdf.moveDown(0.5);
    pdf
      .fontSize(10)
      .fillColor('#000')
      .text(`Persona / Person: ${doc.person.name} (${doc.person.id})`)
      .text(`Datums / Date: ${latvianDate(today)} / ${englishDate(today)}`);
    for (const section of doc.sections) {
      pdf.moveDown(1.2);
      pdf.font('bold').fontSize(14).fillColor('#000').text(`${section.title.lv} / ${section.title.en}`);
      pdf.font('regular').fontSize(9);
      const body = lines(section.data);
      if (body.length === 0) pdf.fillColor('#444').text('Nav ierakstu / No records');
      for (const line of body) pdf.fillColor(line.depth === 0 ? '#000' : '#333').text(line.text, { indent: line.depth * 14 });
    }
    pdf.end();
  });
}
