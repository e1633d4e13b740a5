// `npm run audit:verify`: walks the audit log's hash chain and names the first row that was changed, deleted or
// inserted out of order; exits 1 if there is one. Reads DATABASE_OWNER_URL, else DATABASE_URL (SELECT is enough),
// else the local development database. `--anchor <seq>:<hash>` (the head an earlier run printed, kept elsewhere)
// also catches rows cut off the end of the log, which a chain alone cannot show.
import { connectDatabase } from '../db/connection';
import { verifyAuditChain } from '../db/audit/verify';

function parseAnchor(args: string[]): { chainSeq: number; hash: string } | undefined {
  const i = args.indexOf('--anchor');
  if (i < 0) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(args[i + 1] ?? '');
  if (!m) throw new Error('--anchor takes <chain_seq>:<64 hex digits>, as printed by an earlier run');
  return { chainSeq: Number(m[1]), hash: m[2] };
}

async function main(): Promise<number> {
  const anchor = parseAnchor(process.argv.slice(2));
  const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sdp';
  const db = connectDatabase(url, { poolSize: 1 });
  try {
    const report = await verifyAuditChain(db.pool, anchor);
    if (report.ok) {
      console.log(`audit log intact: ${report.rows} rows${report.head ? `; head ${report.head.chainSeq}:${report.head.hash}` : ''}`);
      return 0;
    }
    console.error(`audit log TAMPERED: ${report.problem?.message}`);
    console.error(`(${report.rows} rows before it are intact)`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
