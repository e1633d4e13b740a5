// Shared by the timeline API tests: the personas, the unique references of a run, and the calls they make.
import { expect } from 'chai';
import { stack } from '../setup';
import { call, type ApiResponse } from './http';
import { uniqueSuffix } from './cases';

export const JURIS = '22045712114';
export const LIGA = '01014811002';
export const JANIS = '02117814569';
export const run = uniqueSuffix();
let seq = 0;
export const ext = (tag: string) => `TL-${run}-${tag}-${(seq += 1)}`;
export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The body of a reply of the expected status (the body is shown when it is not). */
export function ok(res: ApiResponse, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  return res.body;
}

export const registerCase = async (body: Record<string, unknown>, as = 'system-pmlp') => call('POST', '/api/v1/cases', { as, json: body });

/** The read model's events of these source rows. */
export async function eventsOf(source: string, sourceIds: string[]): Promise<Array<Record<string, any>>> {
  const { rows } = await stack.db.pool.query(
    'SELECT * FROM timeline_events WHERE source = $1 AND source_id = ANY($2::text[]) ORDER BY source_id',
    [source, sourceIds],
  );
  return rows;
}

export async function eventsOfCase(caseId: string): Promise<Array<Record<string, any>>> {
  return (await stack.db.pool.query('SELECT * FROM timeline_events WHERE case_id = $1 ORDER BY occurred_at, id', [caseId])).rows;
}

/** Every page of a list, following `next`. */
export async function allPages(first: string, as: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let next: string | null = first;
  let pages = 0;
  while (next) {
    const body = ok(await call('GET', next, { as }));
    items.push(...body.items);
    next = body.next;
    pages += 1;
    expect(pages).to.be.below(100);
  }
  return { items, pages };
}
