// Reads a QR code back from a PNG: the exact bytes it carries, decoded as UTF-8.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!code) throw new Error('no QR code found in the PNG');
  return Buffer.from(code.binaryData).toString('utf8');
}
