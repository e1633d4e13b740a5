// The camt.053.001.08 statement the billing benchmark imports, in pieces (head, one entry per payment, tail) so that
// scripts/bench/billing.ts can write 100,000 entries to a file as it goes, and the tests can check a few of them
// against the ISO 20022 XSD (test/api/billing/camt-standards.test.ts).

export function statementHead(iban: string, msgId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<BkToCstmrStmt>
<GrpHdr><MsgId>${msgId}</MsgId><CreDtTm>2024-06-07T18:00:00+03:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-BENCH-1</Id><CreDtTm>2024-06-07T18:00:00+03:00</CreDtTm><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BICFI>TRELLV22</BICFI></FinInstnId></Svcr></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-06-07</Dt></Dt></Bal>
`;
}

/** One credit entry with one transaction paying `amount` (e.g. "12.30") with the RF reference `ref`. */
export function statementEntry(i: number, amount: string, ref: string): string {
  return (
    `<Ntry><NtryRef>${i + 1}</NtryRef><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    '<BookgDt><Dt>2024-06-07</Dt></BookgDt><ValDt><Dt>2024-06-07</Dt></ValDt>' +
    `<AcctSvcrRef>2024060700${i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
    `<NtryDtls><TxDtls><Refs><AcctSvcrRef>2024060700${i}</AcctSvcrRef><EndToEndId>E2E-${i}</EndToEndId></Refs>` +
    `<Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>` +
    `<RltdPties><Dbtr><Pty><Nm>Payer ${i}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>LV80BANK0000435195001</IBAN></Id></DbtrAcct></RltdPties>` +
    '<RltdAgts><DbtrAgt><FinInstnId><BICFI>HABALV22</BICFI></FinInstnId></DbtrAgt></RltdAgts>' +
    `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${ref}</Ref></CdtrRefInf></Strd></RmtInf>` +
    '</TxDtls></NtryDtls></Ntry>\n'
  );
}

export const statementTail = (): string => '</Stmt>\n</BkToCstmrStmt>\n</Document>\n';
