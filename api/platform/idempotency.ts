// The Idempotency-Key header of a request that opens something (an application): a retry with the same key answers
// what the first attempt opened instead of opening another.
import type { Request } from 'express';
import { ApiError } from './errors';

/** The key, checked (8–100 characters of A–Z, a–z, 0–9, . _ : -), or undefined when none was sent. */
export function openingKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && !/^[A-Za-z0-9._:-]{8,100}$/.test(key))
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–100 characters of A–Z, a–z, 0–9, . _ : -.');
  return key;
}
