// camt.053 (BkToCstmrStmt) and camt.054 (BkToCstmrDbtCdtNtfctn) messages as banks send them, in a given version,
// for the statement tests. What they write is valid against the ISO 20022 XSD of its version (checked in
// test/api/billing/camt-standards.test.ts): a statement has its mandatory opening balance (Bal).
import { uniqueSuffix } from './cases';

export const PMLP_IBAN = 'LV11TREL0130000090001';
export const today = new Date().toISOString().slice(0, 10);

export interface Tx { amount: string; ccy?: string; ref?: string; ustrd?: string; txRef?: string; e2e?: string; debtor?: string; cdtDbt?: 'CRDT' | 'DBIT' }
export interface Entry { ref?: string; amount?: string; ccy?: string; cdtDbt?: 'CRDT' | 'DBIT'; status?: string; txs: Tx[] }

export function camt(kind: '053' | '054', entries: Entry[], opts: { version?: number; msgId?: string; iban?: string } = {}): string {
  const v = opts.version ?? 2;
  const [root, stmt] = kind === '053' ? ['BkToCstmrStmt', 'Stmt'] : ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'];
  const amt = (a: string, ccy = 'EUR') => `<Amt Ccy="${ccy}">${a}</Amt>`;
  const ntries = entries.map((e, n) => {
    const sts = v >= 8 ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`;
    const txs = e.txs.map((t) => {
      // From .04 on a transaction states its amount and direction (the entry's, unless given).
      const amount = v >= 4 ? `${amt(t.amount, t.ccy)}<CdtDbtInd>${t.cdtDbt ?? e.cdtDbt ?? 'CRDT'}</CdtDbtInd>` : `<AmtDtls><TxAmt>${amt(t.amount, t.ccy)}</TxAmt></AmtDtls>`;
      const debtor = t.debtor ? `<RltdPties><Dbtr>${v >= 8 ? `<Pty><Nm>${t.debtor}</Nm></Pty>` : `<Nm>${t.debtor}</Nm>`}</Dbtr></RltdPties>` : '';
      const strd = t.ref ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${t.ref}</Ref></CdtrRefInf></Strd>` : '';
      const ustrd = t.ustrd ? `<Ustrd>${t.ustrd}</Ustrd>` : '';
      return `<TxDtls><Refs>${t.txRef ? `<AcctSvcrRef>${t.txRef}</AcctSvcrRef>` : ''}<EndToEndId>${t.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs>${amount}${debtor}`
        + `${ustrd || strd ? `<RmtInf>${ustrd}${strd}</RmtInf>` : ''}</TxDtls>`;
    }).join('');
    const total = e.amount ?? e.txs.reduce((s, t) => s + Number(t.amount), 0).toFixed(2);
    return `  <Ntry><NtryRef>${n + 1}</NtryRef>${amt(total, e.ccy ?? e.txs[0]?.ccy)}<CdtDbtInd>${e.cdtDbt ?? 'CRDT'}</CdtDbtInd>${sts}`
      + `<BookgDt><Dt>${today}</Dt></BookgDt><ValDt><Dt>${today}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${e.ref}</AcctSvcrRef>` : ''}`
      + '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>'
      + `<NtryDtls>${txs}</NtryDtls></Ntry>\n`;
  }).join('');
  // camt.053 requires at least one balance (Bal); a notification (camt.054) has none.
  const balance = kind === '053'
    ? `   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>${amt('0.00')}<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>\n`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.0${v}">
 <${root}>
  <GrpHdr><MsgId>${opts.msgId ?? `MSG-${uniqueSuffix()}`}</MsgId><CreDtTm>${today}T18:00:00+03:00</CreDtTm></GrpHdr>
  <${stmt}><Id>S-${uniqueSuffix()}</Id><CreDtTm>${today}T18:00:00+03:00</CreDtTm>
   <Acct><Id><IBAN>${opts.iban ?? PMLP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${balance}${ntries}  </${stmt}>
 </${root}>
</Document>
`;
}
