// No stopwatch, no fixed sleep: every test file is scanned for a pause used to let something happen (a sleep, a
// Playwright waitForTimeout, a timer that resolves a promise), a timing assertion (elapsed time measured and
// compared) and a short "eventually" window (a wait for a condition that gives up within seconds, a latency limit
// in disguise). Tests wait for the condition (test/helpers/wait.ts, generous timeouts) or trigger it (a latch, a
// fault switch, an event); timing belongs in scripts/bench/. A timer that only bounds a wait (it rejects or kills)
// is not a sleep. An exception needs an entry in ALLOWED with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

const TEST_DIR = __dirname;
/** The shortest timeout a wait for a condition may have: a fast run never waits it out, a slow machine passes. */
export const MIN_WAIT_MS = 30_000;

interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Exceptions: path relative to test/, the rule, and why it cannot be a wait for a condition. */
const ALLOWED: Array<{ file: string; rule: string; reason: string }> = [
  { file: 'helpers/wait.ts', rule: 'sleep', reason: 'the pause between two looks of a polling loop with its own condition and deadline' },
  {
    file: 'helpers/virtual-clock.ts',
    rule: 'sleep',
    reason: 'the virtual clock stands in for setTimeout and hands other callers to the real one',
  },
];

const RULES: Array<{ rule: string; pattern: RegExp; why: string }> = [
  { rule: 'sleep', pattern: /\bset(Timeout|Interval)\s*\(/, why: 'a timer used to let time pass: wait for the condition or trigger it' },
  { rule: 'sleep', pattern: /\bwaitForTimeout\s*\(|['"](node:)?timers\/promises['"]/, why: 'a fixed pause' },
  { rule: 'sleep', pattern: /\b(const|let|function)\s+(sleep|delay|pause|snooze)\b/, why: 'a sleep helper' },
  {
    rule: 'sleep',
    pattern: /\breconnectionDelay(Max)?\s*:/,
    why: 'a race against a reconnection delay: reconnect (socket.connect()) when ready',
  },
  {
    rule: 'stopwatch',
    pattern: /Date\.now\(\)\s*-\s*[A-Za-z_$(]|[\w)\]]\s*-\s*Date\.now\(\)|performance\.now\s*\(|process\.hrtime/,
    why: 'elapsed time measured: assert the behaviour, time it in scripts/bench/',
  },
];

/** A timer that bounds a wait (its callback rejects or kills), judged on the call and the few lines after it. */
const BOUNDS_A_WAIT = /\breject\s*\(|\.kill\s*\(/;

/** The top-level arguments of the call whose "(" is at `open`, as source text (strings, templates and nesting skipped). */
export function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < source.length; i += 1) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i += 1; i < source.length && source[i] !== c; i += 1) if (source[i] === '\\') i += 1;
    } else if ('([{'.includes(c)) {
      depth += 1;
    } else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) {
        args.push(source.slice(start, i).trim());
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

const numberOf = (text: string | undefined): number | null => (text && /^[0-9][0-9_]*$/.test(text) ? Number(text.replace(/_/g, '')) : null);

/** What a source file does that a test must not; `file` is relative to test/. */
export function timingFindings(file: string, source: string, allowed = ALLOWED): Finding[] {
  const findings: Finding[] = [];
  const lines = source.split('\n');
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  lines.forEach((text, i) => {
    if (/^\s*(\/\/|\*)/.test(text)) return;
    for (const { rule, pattern, why } of RULES) {
      if (!pattern.test(text)) continue;
      if (rule === 'sleep' && /\bset(Timeout|Interval)\s*\(/.test(text) && BOUNDS_A_WAIT.test(lines.slice(i, i + 4).join('\n'))) continue;
      if (allowed.some((a) => a.file === file && a.rule === rule)) continue;
      findings.push({ file, line: i + 1, rule, text: `${text.trim()}  ← ${why}` });
    }
  });
  // Short windows: waitFor(what, check, timeoutMs) and Playwright's { timeout: n } under MIN_WAIT_MS.
  for (const m of source.matchAll(/\bwaitFor\s*\(/g)) {
    const timeout = numberOf(callArguments(source, m.index + m[0].length - 1)[2]);
    if (timeout !== null && timeout < MIN_WAIT_MS)
      findings.push({
        file,
        line: lineAt(m.index),
        rule: 'short-window',
        text: `waitFor(…, ${timeout})  ← a wait that gives up in ${timeout} ms is a latency limit`,
      });
  }
  for (const m of source.matchAll(/[{,]\s*timeout:\s*([0-9][0-9_]*)/g)) {
    const timeout = numberOf(m[1]);
    if (timeout !== null && timeout < MIN_WAIT_MS)
      findings.push({
        file,
        line: lineAt(m.index),
        rule: 'short-window',
        text: `{ timeout: ${m[1]} }  ← a wait that gives up in ${timeout} ms is a latency limit`,
      });
  }
  return findings;
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('test suite: no stopwatch, no fixed sleep', () => {
  it('finds none in test/**/*.ts', () => {
    const findings = testFiles(TEST_DIR)
      .filter((f) => f !== __filename)
      .flatMap((f) => timingFindings(path.relative(TEST_DIR, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.text}`)).to.deep.equal([]);
  });

  it('needs every exception it allows', () => {
    for (const a of ALLOWED) {
      const source = fs.readFileSync(path.join(TEST_DIR, a.file), 'utf8');
      const without = timingFindings(a.file, source, []);
      expect(
        without.some((f) => f.rule === a.rule),
        `${a.file} [${a.rule}] is allowed but has no such finding`,
      ).to.equal(true);
    }
  });

  it('recognises a sleep, a stopwatch and a short window, and lets a bounding timer and a generous wait pass', () => {
    const rules = (source: string) => timingFindings('example.test.ts', source).map((f) => f.rule);
    expect(rules('await new Promise((r) => setTimeout(r, 400));')).to.deep.equal(['sleep']);
    expect(rules('const sleep = (ms: number) => new Promise((r) => { resolve = r; });')).to.deep.equal(['sleep']);
    expect(rules('await page.waitForTimeout(500);')).to.deep.equal(['sleep']);
    expect(rules("import { setTimeout as wait } from 'node:timers/promises';")).to.deep.equal(['sleep']);
    expect(rules('connectPeer(STAFF, { io: { reconnection: true, reconnectionDelay: 1500 } });')).to.deep.equal(['sleep']);
    expect(rules('const started = Date.now();\nawait work();\nexpect(Date.now() - started).to.be.below(700);')).to.deep.equal([
      'stopwatch',
    ]);
    expect(rules('expect(performance.now() - t0).to.be.lessThan(5);')).to.deep.equal(['stopwatch']);
    expect(rules("await waitFor('the index', async () => (await f()).includes(x), 2000, 20);")).to.deep.equal(['short-window']);
    expect(rules('await row.waitFor({ timeout: 10_000 });')).to.deep.equal(['short-window']);
    // Not findings: a timer that rejects or kills (it bounds a wait), a generous wait, a time computed, a comment.
    expect(rules("const timer = setTimeout(() => reject(new Error('no ready')), WAIT_MS);")).to.deep.equal([]);
    expect(rules("const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);")).to.deep.equal([]);
    expect(
      rules("await waitFor('prefill', async () => { const r = await get(`/a/${id}`, { x: [1, 2] }); return r.ok; }, 60_000, 50);"),
    ).to.deep.equal([]);
    expect(rules("await waitFor('prefill', async () => ready);")).to.deep.equal([]);
    expect(rules('const since = new Date(Date.now() - 3 * 86_400_000).toISOString();')).to.deep.equal([]);
    expect(rules('// await new Promise((r) => setTimeout(r, 400));')).to.deep.equal([]);
  });
});
