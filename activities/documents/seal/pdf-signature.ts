// The PDF side of a PAdES signature (ISO 32000-1 12.8, ETSI EN 319 142-1): while pdfkit writes the document, a
// signature field with a placeholder for /ByteRange and /Contents; once the bytes are final, the byte range is
// filled in and the CMS signature over everything but /Contents written into it. A reader then shows the document
// as signed by the seal's holder, and any changed byte outside /Contents breaks the signature.
import type PDFDocument from 'pdfkit';
import { signDetached, type SealKey } from './cms';

/** Room for the CMS (hex doubles it): the signature, the signed attributes and a chain of a few certificates. */
const CONTENTS_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface SignatureDescription {
  /** The seal holder's name, shown by readers as the signer when they do not read the certificate. */
  name: string;
  reason: string;
  location: string;
  signedAt: Date;
}

type Pdf = InstanceType<typeof PDFDocument>;
// pdfkit's internals this uses (not in its types): the catalog, a page's dictionary and the form it starts.
interface PdfInternals {
  _root: { data: { AcroForm?: { data: { Fields: unknown[]; SigFlags?: number; NeedAppearances?: boolean } } } };
  page: { annotations: unknown[]; dictionary: unknown };
  ref(data: Record<string, unknown>): { end(): void };
}

/**
 * Adds an invisible signature field on the current page whose value is a signature dictionary with placeholders.
 * Call once, after the font is set and before `end()`.
 */
export function addSignaturePlaceholder(pdf: Pdf, description: SignatureDescription): void {
  const doc = pdf as unknown as PdfInternals;
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(CONTENTS_BYTES),
    Name: new String(description.name),
    Reason: new String(description.reason),
    Location: new String(description.location),
    M: description.signedAt,
  });
  signature.end();
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String('Seal'),
    F: 132, // Print, Locked
    P: doc.page.dictionary,
  });
  widget.end();
  doc.page.annotations.push(widget);
  pdf.initForm();
  const form = doc._root.data.AcroForm!.data;
  delete form.NeedAppearances;
  form.SigFlags = 3; // SignaturesExist, AppendOnly
  form.Fields.push(widget);
}

export class SignaturePlaceholderError extends Error {}

/** Fills in the byte range and the CMS signature of a PDF written with `addSignaturePlaceholder`. */
export function signPlaceholder(pdf: Buffer, seal: SealKey): Buffer {
  const text = pdf.toString('latin1');
  const rangeAt = text.indexOf(`/ByteRange [0 /${BYTE_RANGE_PLACEHOLDER}`);
  if (rangeAt < 0 || text.indexOf(`/ByteRange [0 /${BYTE_RANGE_PLACEHOLDER}`, rangeAt + 1) >= 0)
    throw new SignaturePlaceholderError('the PDF has no single signature placeholder');
  const rangeEnd = text.indexOf(']', rangeAt) + 1;
  const contentsStart = text.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  if (contentsEnd - contentsStart !== CONTENTS_BYTES * 2 + 2) throw new SignaturePlaceholderError('the signature placeholder is damaged');
  const byteRange = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const rangeText = `/ByteRange [${byteRange.join(' ')}]`;
  const placeholderLength = rangeEnd - rangeAt;
  if (rangeText.length > placeholderLength) throw new SignaturePlaceholderError('the document is too large for the byte range placeholder');
  const out = Buffer.from(pdf);
  out.write(rangeText.padEnd(placeholderLength, ' '), rangeAt, 'latin1');
  const signed = Buffer.concat([out.subarray(0, contentsStart), out.subarray(contentsEnd)]);
  const cms = signDetached(signed, seal);
  if (cms.length > CONTENTS_BYTES) throw new SignaturePlaceholderError(`the signature (${cms.length} bytes) does not fit its placeholder`);
  out.write(cms.toString('hex').padEnd(CONTENTS_BYTES * 2, '0'), contentsStart + 1, 'latin1');
  return out;
}
