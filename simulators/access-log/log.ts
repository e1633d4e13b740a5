// A register's access log: the reads of persons' data that other institutions made in the register (who — an
// institution and a role, never a named officer —, when, what, why, on what legal basis). The register pushes the
// records to the platform (./push.ts); the platform shows each to the person it is about, or whom it concerns.

export interface Text {
  lv: string;
  en: string;
}

/** One record, in the platform's push format (forms/api/data-use-access-log-record.schema.json). */
export interface AccessLogRecord {
  recordId: string;
  at: string;
  subject: string;
  concerns?: string;
  agency: { code: string; name: Text };
  role: Text;
  data: Text;
  purpose: { code: string; lv: string; en: string };
  legalBasis: string;
  caseReference?: string;
  embargoUntil?: string;
}

export class AccessLog {
  private readonly records: AccessLogRecord[] = [];
  private readonly sent = new Set<string>();
  private next = 1;

  constructor(
    readonly register: string,
    seed: AccessLogRecord[] = [],
  ) {
    for (const r of seed) this.records.push(r);
  }

  /** Adds a read; without a record id it gets the register's next one. */
  add(record: Omit<AccessLogRecord, 'recordId'> & { recordId?: string }): AccessLogRecord {
    const full = { ...record, recordId: record.recordId ?? `${this.register}-${Date.now().toString(36)}-${this.next++}` };
    this.records.push(full);
    return full;
  }

  unsent(max: number): AccessLogRecord[] {
    return this.records.filter((r) => !this.sent.has(r.recordId)).slice(0, max);
  }

  markSent(ids: string[]): void {
    for (const id of ids) this.sent.add(id);
  }

  all(): AccessLogRecord[] {
    return [...this.records];
  }
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);
export const isoAt = (days: number, hour: number) => {
  const d = daysFromNow(days);
  d.setUTCHours(hour, 17, 0, 0);
  return d.toISOString();
};
export const isoDate = (days: number) => daysFromNow(days).toISOString().slice(0, 10);
