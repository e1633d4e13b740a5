// One side of co-editing (citizen or staff). Field-level last writer wins, as on the server
// (api/assist/field-store.ts): every field (a JSON Pointer) carries a version; an incoming edit is taken only if
// its version is newer than the one held for that field. Local typing is sent per changed field, debounced per
// field; while a field has an edit of ours waiting or in flight, incoming values for it do not overwrite the screen
// (ours reaches the server later, so it gets the higher version and wins there too). Unsent edits survive a
// dropped connection and are sent after the resync. No DOM here: unit-tested in Node.
import type { FormData } from '../app/api/types';
import { getAt, leafDiff, setAt } from './pointer';

const RETRY_MS = 500;

export type EditResult = { ok: true; version: number } | { ok: false; code: string };

export interface FieldSyncOptions {
  /** Sends one field; rejects when the connection failed (the edit is then kept for later). */
  emit(pointer: string, value: unknown): Promise<EditResult>;
  /** Whether sending is possible now (connected and joined). */
  canSend(): boolean;
  /** The server refused an edit for good (view mode, consent ended). */
  onRefused?(code: string): void;
  delayMs?: number;
}

export class FieldSync {
  private versions = new Map<string, number>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private unsent = new Map<string, unknown>();
  private inFlight = new Map<string, number>();
  private sending = new Set<Promise<void>>();

  constructor(private readonly opts: FieldSyncOptions) {}

  /** The user changed the form: schedules the changed fields; returns their pointers. */
  local(prev: FormData, next: FormData): string[] {
    const changes = leafDiff(prev, next);
    for (const { pointer, value } of changes) {
      this.unsent.set(pointer, value);
      this.schedule(pointer, this.opts.delayMs ?? 100);
    }
    return changes.map((c) => c.pointer);
  }

  private schedule(pointer: string, ms: number) {
    clearTimeout(this.timers.get(pointer));
    this.timers.set(
      pointer,
      setTimeout(() => {
        this.timers.delete(pointer);
        this.track(this.send(pointer));
      }, ms),
    );
  }

  private track(p: Promise<void>) {
    this.sending.add(p);
    void p.finally(() => this.sending.delete(p));
  }

  private async send(pointer: string): Promise<void> {
    if (!this.unsent.has(pointer) || !this.opts.canSend()) return;
    const value = this.unsent.get(pointer);
    this.unsent.delete(pointer);
    this.inFlight.set(pointer, (this.inFlight.get(pointer) ?? 0) + 1);
    try {
      const result = await this.opts.emit(pointer, value);
      if (result.ok) this.versions.set(pointer, Math.max(result.version, this.versions.get(pointer) ?? 0));
      else this.opts.onRefused?.(result.code);
    } catch {
      // No answer (connection dropped): keep it, unless the user typed something newer meanwhile, and try again
      // (if the connection is still down, the resync after the reconnect sends it).
      if (!this.unsent.has(pointer)) {
        this.unsent.set(pointer, value);
        this.schedule(pointer, RETRY_MS);
      }
    } finally {
      const n = (this.inFlight.get(pointer) ?? 1) - 1;
      if (n > 0) this.inFlight.set(pointer, n);
      else this.inFlight.delete(pointer);
    }
  }

  /** Whether this side has an edit of the field that the server has not confirmed yet. */
  hasLocal(pointer: string): boolean {
    return this.unsent.has(pointer) || this.inFlight.has(pointer);
  }

  /** An edit from the server: true when the screen should show its value. */
  remote(pointer: string, version: number): boolean {
    if (version <= (this.versions.get(pointer) ?? 0)) return false;
    this.versions.set(pointer, version);
    return !this.hasLocal(pointer);
  }

  /** After (re)joining: the server's saved state, with our unconfirmed edits on top. */
  resync(server: FormData, fieldVersions: Record<string, number | undefined>, local: FormData): FormData {
    const held = this.versions;
    this.versions = new Map(Object.entries(fieldVersions ?? {}).filter((e): e is [string, number] => e[1] !== undefined));
    let data = server;
    // A live update can overtake the snapshot (sent between joining the room and the answer): newer stays.
    for (const [pointer, version] of held) {
      if (version <= (this.versions.get(pointer) ?? 0)) continue;
      this.versions.set(pointer, version);
      data = setAt(data, pointer, getAt(local, pointer));
    }
    for (const pointer of [...this.unsent.keys(), ...this.inFlight.keys()]) data = setAt(data, pointer, getAt(local, pointer));
    return data;
  }

  /** Sends every unsent edit now (after a reconnect). */
  resendUnsent(): void {
    for (const pointer of [...this.unsent.keys()]) {
      clearTimeout(this.timers.get(pointer));
      this.timers.delete(pointer);
      this.track(this.send(pointer));
    }
  }

  /** Sends everything pending at once and waits for the answers (before submitting). */
  async flush(): Promise<void> {
    for (const [pointer, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(pointer);
    }
    for (const pointer of [...this.unsent.keys()]) this.track(this.send(pointer));
    await Promise.all([...this.sending]);
  }

  get pendingCount(): number {
    return this.unsent.size + this.inFlight.size;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
