// The register's sizes: each table (its partitions added up when it is partitioned) and each of its indexes, the rows
// and bytes per case, for the sizing arithmetic of docs/operations.md.
import type { Pool } from 'pg';

export interface RelationSize {
  table: string;
  rows: number;
  /** Heap and TOAST, no indexes. */
  tableBytes: number;
  totalBytes: number;
  indexes: Array<{ name: string; bytes: number }>;
}

// case_keys: the partitioned register's directory (migration 0031), part of what a case costs.
const TABLES = ['cases', 'case_status_events', 'case_keys', 'cases_baseline'];

export async function relationSizes(pool: Pool): Promise<RelationSize[]> {
  const out: RelationSize[] = [];
  for (const table of TABLES) {
    // pg_partition_tree gives nothing for a table that is not partitioned: then the table's own sizes.
    const t = await pool.query<{ total: string; heap: string; rows: string }>(
      `SELECT coalesce((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree($1::regclass)), pg_total_relation_size($1::regclass))::bigint AS total,
              coalesce((SELECT sum(pg_table_size(relid)) FROM pg_partition_tree($1::regclass)), pg_table_size($1::regclass))::bigint AS heap,
              (SELECT count(*) FROM ${table})::bigint AS rows`,
      [table],
    );
    const i = await pool.query<{ name: string; bytes: string }>(
      `SELECT i.indexrelid::regclass::text AS name,
              coalesce((SELECT sum(pg_relation_size(p.relid)) FROM pg_partition_tree(i.indexrelid) p), pg_relation_size(i.indexrelid))::bigint AS bytes
         FROM pg_index i WHERE i.indrelid = $1::regclass ORDER BY 2 DESC`,
      [table],
    );
    out.push({
      table,
      rows: Number(t.rows[0].rows),
      tableBytes: Number(t.rows[0].heap),
      totalBytes: Number(t.rows[0].total),
      indexes: i.rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) })),
    });
  }
  return out;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`.padStart(12);

/** The printed lines: per table, per index, then per case (the register's own tables, not the baseline). */
export function sizeReport(sizes: RelationSize[], cases: number): string[] {
  const lines: string[] = [];
  for (const s of sizes) {
    lines.push(`${s.table.padEnd(42)} ${mib(s.totalBytes)} total, ${mib(s.tableBytes)} table, ${s.rows.toLocaleString('en')} rows`);
    for (const i of s.indexes) lines.push(`  ${i.name.padEnd(40)} ${mib(i.bytes)}`);
  }
  const register = sizes.filter((s) => s.table !== 'cases_baseline');
  const total = register.reduce((a, s) => a + s.totalBytes, 0);
  const heap = register.reduce((a, s) => a + s.tableBytes, 0);
  const events = sizes.find((s) => s.table === 'case_status_events')?.rows ?? 0;
  lines.push(
    `per case: ${(events / cases).toFixed(2)} status events; ${(total / cases).toFixed(0)} bytes with indexes ` +
      `(${(heap / cases).toFixed(0)} bytes of table rows, ${((total - heap) / cases).toFixed(0)} bytes of indexes)`,
  );
  return lines;
}
