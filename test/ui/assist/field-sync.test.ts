// The browser's half of co-editing (ui/src/assist/field-sync.ts, pointer.ts): per-field debounce, field-level
// last writer wins against the versions the server assigns, local typing never overwritten by an older echo, and
// unsent edits kept over a dropped connection and sent after the resync. Its timers run in virtual time.
import { expect } from 'chai';
import { FieldSync, type EditResult } from '../../../ui/src/assist/field-sync';
import { idToPointer, leafDiff, pointerToId, setAt } from '../../../ui/src/assist/pointer';
import { installVirtualClock, settle, type VirtualClock } from '../../helpers/virtual-clock';

function harness(opts: { connected?: boolean; fail?: boolean } = {}) {
  const sent: Array<{ pointer: string; value: unknown }> = [];
  const state = { connected: opts.connected ?? true, fail: opts.fail ?? false, version: 10 };
  const sync = new FieldSync({
    delayMs: 10,
    canSend: () => state.connected,
    emit: async (pointer, value): Promise<EditResult> => {
      if (state.fail) throw new Error('timeout');
      sent.push({ pointer, value });
      state.version += 1;
      return { ok: true, version: state.version };
    },
  });
  return { sync, sent, state };
}

describe('ui/cobrowse: field sync', () => {
  let clock: VirtualClock;
  beforeEach(() => {
    clock = installVirtualClock(/ui[\\/]src[\\/]assist[\\/]field-sync/);
  });
  afterEach(() => clock.uninstall());

  it('diffs leaf fields only, treating a missing field and undefined alike', () => {
    expect(leafDiff({ a: { b: 'x', c: undefined } }, { a: { b: 'y' } })).to.deep.equal([{ pointer: '/a/b', value: 'y' }]);
    expect(leafDiff({ list: [1, 2] }, { list: [1, 2, 3], n: 0 })).to.deep.equal([
      { pointer: '/list', value: [1, 2, 3] },
      { pointer: '/n', value: 0 },
    ]);
    expect(leafDiff({ a: { b: 'x' } }, {})).to.deep.equal([{ pointer: '/a/b', value: undefined }]);
    expect(leafDiff({ 'a/b': 1 }, { 'a/b': 2 })).to.deep.equal([{ pointer: '/a~1b', value: 2 }]);
    expect(setAt({ a: { b: 1, c: 2 } }, '/a/b', undefined)).to.deep.equal({ a: { c: 2 } });
  });

  it('maps rjsf ids to pointers through the schema, keys with underscores included', () => {
    const schema = {
      type: 'object',
      properties: { new_address: { type: 'object', properties: { text: { type: 'string' } } }, phone: { type: 'string' } },
    } as const;
    expect(idToPointer(schema, 'root_new_address_text')).to.equal('/new_address/text');
    expect(idToPointer(schema, 'root_phone')).to.equal('/phone');
    expect(idToPointer(schema, 'root_nope')).to.equal(null);
    expect(pointerToId('/new_address/text')).to.equal('root_new_address_text');
  });

  it('sends each changed field once after a pause, the last value winning', async () => {
    const { sync, sent } = harness();
    sync.local({}, { a: 'A' });
    sync.local({ a: 'A' }, { a: 'An', b: 'x' });
    sync.local({ a: 'An', b: 'x' }, { a: 'Anna', b: 'x' });
    await clock.advance(9);
    expect(sent, 'nothing before the pause of 10 ms').to.deep.equal([]);
    await clock.advance(1);
    expect(sent).to.deep.equal([
      { pointer: '/b', value: 'x' },
      { pointer: '/a', value: 'Anna' },
    ]);
    expect(sync.pendingCount).to.equal(0);
  });

  it("starts a field's pause again at every keystroke", async () => {
    const { sync, sent } = harness();
    sync.local({}, { a: 'A' });
    await clock.advance(6);
    sync.local({ a: 'A' }, { a: 'An' });
    await clock.advance(9);
    expect(sent).to.deep.equal([]);
    await clock.advance(1);
    expect(sent).to.deep.equal([{ pointer: '/a', value: 'An' }]);
  });

  it('takes an incoming edit only if newer, and never over a field being typed', async () => {
    const { sync } = harness();
    expect(sync.remote('/a', 3)).to.equal(true);
    expect(sync.remote('/a', 3)).to.equal(false);
    expect(sync.remote('/a', 2)).to.equal(false);
    sync.local({ a: 'x' }, { a: 'mine' });
    expect(sync.remote('/a', 5)).to.equal(false); // ours is sent later, gets a higher version and wins everywhere
    await clock.advance(10);
    expect(sync.remote('/a', 6)).to.equal(false); // our own edit got version 11
    expect(sync.remote('/a', 12)).to.equal(true);
  });

  it('keeps unsent edits over a dropped connection: the resync puts them over the server state, then sends them', async () => {
    const { sync, sent, state } = harness({ connected: false });
    sync.local({ a: 'x', b: 'y' }, { a: 'typed offline', b: 'y' });
    await clock.advance(10);
    expect(sent).to.deep.equal([]);
    expect(sync.pendingCount).to.equal(1);
    const merged = sync.resync({ a: 'server', b: 'server b' }, { '/a': 4, '/b': 7 }, { a: 'typed offline', b: 'y' });
    expect(merged).to.deep.equal({ a: 'typed offline', b: 'server b' });
    expect(sync.remote('/b', 7)).to.equal(false);
    state.connected = true;
    sync.resendUnsent();
    await settle(); // sent at once, no pause
    expect(sent).to.deep.equal([{ pointer: '/a', value: 'typed offline' }]);
  });

  it('keeps a live update that overtook the snapshot', () => {
    const { sync } = harness();
    expect(sync.remote('/a', 9)).to.equal(true); // arrived between joining the room and the snapshot
    const merged = sync.resync({ a: 'old', b: 'b' }, { '/a': 8, '/b': 2 }, { a: 'live' });
    expect(merged).to.deep.equal({ a: 'live', b: 'b' });
    expect(sync.remote('/a', 9)).to.equal(false);
    expect(sync.remote('/b', 3)).to.equal(true);
  });

  it('retries an edit whose acknowledgement never came; flush sends everything at once', async () => {
    const { sync, sent, state } = harness({ fail: true });
    sync.local({}, { a: 1 });
    await clock.advance(10);
    expect(sync.hasLocal('/a')).to.equal(true);
    state.fail = false;
    await clock.advance(499);
    expect(sent, 'the retry waits 500 ms').to.deep.equal([]);
    await clock.advance(1);
    expect(sent).to.deep.equal([{ pointer: '/a', value: 1 }]);
    sync.local({ a: 1 }, { a: 1, b: 2 });
    await sync.flush();
    expect(sent.map((e) => e.pointer)).to.deep.equal(['/a', '/b']);
    expect(sync.pendingCount).to.equal(0);
    sync.dispose();
  });
});
