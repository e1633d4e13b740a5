// camt.053 (BkToCstmrStmt) and camt.054 (BkToCstmrDbtCdtNtfctn) messages as banks send them, in a given version,
// for the statement tests. Every message written is checked against the ISO 20022 XSD of its version with xmllint
// (forms/standards/iso20022-camt) before a test gets it: a statement has its mandatory opening balance (Bal).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uniqueSuffix } from './cases';

export const CAMT_STANDARDS = path.resolve(__dirname, '../../forms/standards/iso20022-camt');

/** xmllint's complaints about a camt document against the XSD of its version: '' when valid, null without an XSD here. */
export function xsdProblems(xml: string): string | null {
  const version = /urn:iso:std:iso:20022:tech:xsd:(camt\.05[34]\.001\.0\d)/.exec(xml)?.[1];
  const xsd = path.join(CAMT_STANDARDS, `${version}.xsd`);
  if (!version || !fs.existsSync(xsd)) return null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-xsd-'));
  const file = path.join(tmp, 'doc.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export const PMLP_IBAN = 'LV11TREL0130000090001';
export const today = new Date().toISOString().slice(0, 10);

export interface Tx {
  amount: string;
  ccy?: string;
  ref?: string;
  ustrd?: string;
  txRef?: string;
  e2e?: string;
  debtor?: string;
  cdtDbt?: 'CRDT' | 'DBIT';
}
export interface Entry {
  ref?: string;
  amount?: string;
  ccy?: string;
  cdtDbt?: 'CRDT' | 'DBIT';
  status?: string;
  txs: Tx[];
}

/** opts.broken: the test breaks the message on purpose (a bad amount, an undefined entity): not checked. */
export function camt(
  kind: '053' | '054',
  entries: Entry[],
  opts: { version?: number; msgId?: string; iban?: string; broken?: true } = {},
): string {
  const v = opts.version ?? 2;
  const [root, stmt] = kind === '053' ? ['BkToCstmrStmt', 'Stmt'] : ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'];
  const amt = (a: string, ccy = 'EUR') => `<Amt Ccy="${ccy}">${a}</Amt>`;
  const ntries = entries
    .map((e, n) => {
      const sts = v >= 8 ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`;
      const txs = e.txs
        .map((t) => {
          // From .04 on a transaction states its amount and direction (the entry's, unless given).
          const amount =
            v >= 4
              ? `${amt(t.amount, t.ccy)}<CdtDbtInd>${t.cdtDbt ?? e.cdtDbt ?? 'CRDT'}</CdtDbtInd>`
              : `<AmtDtls><TxAmt>${amt(t.amount, t.ccy)}</TxAmt></AmtDtls>`;
          const debtor = t.debtor
            ? `<RltdPties><Dbtr>${v >= 8 ? `<Pty><Nm>${t.debtor}</Nm></Pty>` : `<Nm>${t.debtor}</Nm>`}</Dbtr></RltdPties>`
            : '';
          const strd = t.ref
            ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${t.ref}</Ref></CdtrRefInf></Strd>`
            : '';
          const ustrd = t.ustrd ? `<Ustrd>${t.ustrd}</Ustrd>` : '';
          return (
            `<TxDtls><Refs>${t.txRef ? `<AcctSvcrRef>${t.txRef}</AcctSvcrRef>` : ''}<EndToEndId>${t.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs>${amount}${debtor}` +
            `${ustrd || strd ? `<RmtInf>${ustrd}${strd}</RmtInf>` : ''}</TxDtls>`
          );
        })
        .join('');
      const total = e.amount ?? e.txs.reduce((s, t) => s + Number(t.amount), 0).toFixed(2);
      return (
        `  <Ntry><NtryRef>${n + 1}</NtryRef>${amt(total, e.ccy ?? e.txs[0]?.ccy)}<CdtDbtInd>${e.cdtDbt ?? 'CRDT'}</CdtDbtInd>${sts}` +
        `<BookgDt><Dt>${today}</Dt></BookgDt><ValDt><Dt>${today}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${e.ref}</AcctSvcrRef>` : ''}` +
        '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>' +
        `<NtryDtls>${txs}</NtryDtls></Ntry>\n`
      );
    })
    .join('');
  // camt.053 requires at least one balance (Bal); a notification (camt.054) has none.
  const balance =
    kind === '053'
      ? `   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>${amt('0.00')}<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>\n`
      : '';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.0${v}">
 <${root}>
  <GrpHdr><MsgId>${opts.msgId ?? `MSG-${uniqueSuffix()}`}</MsgId><CreDtTm>${today}T18:00:00+03:00</CreDtTm></GrpHdr>
  <${stmt}><Id>S-${uniqueSuffix()}</Id><CreDtTm>${today}T18:00:00+03:00</CreDtTm>
   <Acct><Id><IBAN>${opts.iban ?? PMLP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${balance}${ntries}  </${stmt}>
 </${root}>
</Document>
`;
  const problems = opts.broken ? '' : xsdProblems(xml);
  if (problems) throw new Error(`the generated camt.${kind} v${v} is not valid against its XSD:\n${problems}`);
  return xml;
}
