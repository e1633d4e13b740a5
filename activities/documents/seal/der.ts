// The few DER (ASN.1 Distinguished Encoding Rules, ITU-T X.690) encodings and the one reader the seal needs: X.509
// certificates (RFC 5280) for the demo CA and CMS SignedData (RFC 5652) for the PAdES signature. No ASN.1 library
// is installed (no node-forge, pkijs or asn1js), and node's crypto signs and parses certificates but writes neither.

/** One encoded value: tag, length, content. */
export function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

/** SET OF in DER: the members sorted by their encodings (X.690 11.6); signed attributes are hashed in this order. */
export function setOf(...items: Buffer[]): Buffer {
  const sorted = [...items].sort((a, b) => {
    const length = Math.max(a.length, b.length);
    return Buffer.compare(Buffer.concat([a, Buffer.alloc(length - a.length)]), Buffer.concat([b, Buffer.alloc(length - b.length)]));
  });
  return tlv(0x31, Buffer.concat(sorted));
}

/** A non-negative INTEGER from its unsigned big-endian bytes (a leading 0x00 keeps it positive). */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift(0x80 | (v & 0x7f));
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const booleanTrue = (): Buffer => Buffer.from([0x01, 0x01, 0xff]);
export const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);
export const bitString = (bytes: Buffer, unusedBits = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
export const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
export const printableString = (text: string): Buffer => tlv(0x13, Buffer.from(text, 'latin1'));

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5); whole seconds, UTC. */
export function time(at: Date): Buffer {
  const iso = at.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return at.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

/** [n] EXPLICIT: the value wrapped in a constructed context-specific tag. */
export const explicit = (n: number, value: Buffer): Buffer => tlv(0xa0 | n, value);

/** [n] IMPLICIT of a constructed value (SEQUENCE, SET): its tag replaced, its content kept. */
export function implicitConstructed(n: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xa0 | n]), value.subarray(1)]);
}

/** One value read from DER: its tag, its whole encoding and its content. */
export interface DerValue {
  tag: number;
  encoded: Buffer;
  content: Buffer;
}

export function readValue(buffer: Buffer, offset = 0): DerValue {
  const tag = buffer[offset];
  let length = buffer[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + buffer[offset + 2 + i];
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new Error('DER: value runs past the end');
  return { tag, encoded: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end) };
}

/** The values inside a constructed value, in order. */
export function children(value: DerValue): DerValue[] {
  const out: DerValue[] = [];
  for (let offset = 0; offset < value.content.length;) {
    const child = readValue(value.content, offset);
    out.push(child);
    offset += child.encoded.length;
  }
  return out;
}
