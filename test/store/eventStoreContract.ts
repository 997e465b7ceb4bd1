import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import {
  EventIdConflict,
  ExpectedVersionConflict,
  InvalidStoreArgument,
  StreamKeyConflict,
} from '../../src/store/errors.js';
import type { EventStore, NewEvent, StoredEvent } from '../../src/store/EventStore.js';

/** What differs between adapters, as options of the suite (never `if adapter === ...` in tests). */
export interface ContractOptions {
  /**
   * Opens an empty store; `close` releases it and its database. `settle` waits until readers see
   * every committed event (a store whose readers may briefly lag behind commits says so here).
   */
  open(): Promise<{ store: EventStore; close(): Promise<void>; settle?: () => Promise<void> }>;
  /** Tries to change or remove stored events behind the port; resolves to what the database said. */
  tamper?: (store: EventStore) => Promise<{ update: unknown; delete: unknown; truncate: unknown; appRoleUpdate: unknown }>;
}

const meta = { actor: 'tester', role: 'admin', correlationId: null, causationId: null, requestId: null };

export function ev(type = 'Tested', data: unknown = { n: 1 }, occurredAt = new Date('2025-07-01T00:00:00Z')): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data, metadata: meta, occurredAt };
}

export function eventStoreContract(t: Test, options: ContractOptions): void {
  const withStore = (name: string, fn: (t: Test, store: EventStore, settle: () => Promise<void>) => Promise<void>) =>
    t.test(name, async (t) => {
      const { store, close, settle } = await options.open();
      t.teardown(close);
      await fn(t, store, settle ?? (async () => undefined));
    });

  withStore('append to a new stream returns versions from 1 and ascending positions', async (t, store, settle) => {
    const r = await store.appendToStream('s-1', [ev(), ev(), ev()], { expectedVersion: 'no_stream' });
    await settle();
    t.equal(r.nextExpectedVersion, 3n);
    t.equal(r.positions.length, 3);
    t.ok(r.positions[0]! < r.positions[1]! && r.positions[1]! < r.positions[2]!);
    t.equal(await store.streamVersion('s-1'), 3n);
    t.equal(await store.streamVersion('missing'), 0n);
    t.equal(await store.headPosition(), r.positions[2]);
    t.equal(await store.committedPosition(), r.positions[2], 'committed at once, whatever readers see yet');
    const read = await store.readStream('s-1');
    t.same(read.map((e) => e.streamVersion), [1n, 2n, 3n]);
    t.same(read.map((e) => e.globalPosition), r.positions);
  });

  withStore('every expectedVersion case is enforced and a conflict carries the actual version', async (t, store) => {
    const conflict = async (p: Promise<unknown>, actual: bigint) => {
      const err = await p.then(() => null, (e: unknown) => e);
      t.type(err, ExpectedVersionConflict);
      t.equal((err as ExpectedVersionConflict).actual, actual);
      t.equal((err as ExpectedVersionConflict).code, 'STORE_EXPECTED_VERSION_CONFLICT');
    };
    await conflict(store.appendToStream('a', [ev()], { expectedVersion: 'stream_exists' }), 0n);
    await conflict(store.appendToStream('a', [ev()], { expectedVersion: 2n }), 0n);
    const first = await store.appendToStream('a', [ev()], { expectedVersion: 'no_stream' });
    t.equal(first.nextExpectedVersion, 1n);
    await conflict(store.appendToStream('a', [ev()], { expectedVersion: 'no_stream' }), 1n);
    await conflict(store.appendToStream('a', [ev()], { expectedVersion: 0n }), 1n);
    await conflict(store.appendToStream('a', [ev()], { expectedVersion: 5n }), 1n);
    t.equal((await store.appendToStream('a', [ev()], { expectedVersion: 'stream_exists' })).nextExpectedVersion, 2n);
    t.equal((await store.appendToStream('a', [ev()], { expectedVersion: 2n })).nextExpectedVersion, 3n);
    t.equal((await store.appendToStream('a', [ev()], { expectedVersion: 'any' })).nextExpectedVersion, 4n);
    t.equal((await store.appendToStream('b', [ev()])).nextExpectedVersion, 1n, 'any is the default');
    // Conflicts drew no position: the next append follows the last one directly.
    const next = await store.appendToStream('c', [ev()]);
    t.equal(next.positions[0], (await store.readStream('b'))[0]!.globalPosition + 1n);
  });

  withStore('appending the same event ids again returns the first result and writes nothing', async (t, store, settle) => {
    const batch = [ev('A'), ev('B')];
    const first = await store.appendToStream('idem', batch, { expectedVersion: 'no_stream' });
    await settle();
    const head = await store.headPosition();
    const again = await store.appendToStream('idem', batch, { expectedVersion: 'no_stream' });
    t.same(again, first);
    t.equal(await store.headPosition(), head);
    t.equal(await store.streamVersion('idem'), 2n);

    const changed = { ...batch[0]!, data: { n: 2 } };
    await t.rejects(store.appendToStream('idem', [changed]), EventIdConflict, 'same id, other content');
    await t.rejects(store.appendToStream('other', [batch[0]!]), EventIdConflict, 'same id, other stream');
    await t.rejects(store.appendToStream('idem', [batch[0]!, ev()]), EventIdConflict, 'partly repeated batch');
    await settle();
    t.equal(await store.headPosition(), head, 'no error wrote anything');
  });

  withStore('bad input is refused before anything is written', async (t, store) => {
    await t.rejects(store.appendToStream('x', []), InvalidStoreArgument);
    await t.rejects(store.appendToStream('x', [{ ...ev(), eventId: 'not-a-uuid' }]), InvalidStoreArgument);
    const dup = ev();
    await t.rejects(store.appendToStream('x', [dup, dup]), InvalidStoreArgument);
    await t.rejects(store.appendToStream('x', [{ ...ev(), occurredAt: new Date('nope') }]), InvalidStoreArgument);
    await t.rejects(store.appendToStream('', [ev()]), InvalidStoreArgument);
    await t.rejects(store.appendToStream('x', [ev()], { expectedVersion: -1n }), InvalidStoreArgument);
    t.equal(await store.headPosition(), 0n);
    t.equal(await store.committedPosition(), 0n);
  });

  withStore('readStream reads both directions with bounds and paging', async (t, store) => {
    await store.appendToStream('r', Array.from({ length: 10 }, (_, i) => ev('N', { i })));
    const versions = (events: StoredEvent[]) => events.map((e) => Number(e.streamVersion));
    t.same(versions(await store.readStream('r')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    t.same(versions(await store.readStream('r', { direction: 'backward' })), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    t.same(versions(await store.readStream('r', { fromVersion: 4n, limit: 3 })), [4, 5, 6]);
    t.same(versions(await store.readStream('r', { fromVersion: 4n, toVersion: 5n })), [4, 5]);
    t.same(versions(await store.readStream('r', { direction: 'backward', fromVersion: 4n, limit: 2 })), [4, 3]);
    t.same(versions(await store.readStream('r', { direction: 'backward', toVersion: 8n })), [10, 9, 8]);
    t.same(await store.readStream('none'), []);
    t.same((await store.readStream('r', { fromVersion: 2n, limit: 1 }))[0]!.data, { i: 1 });
  });

  withStore('readAll pages in position order and skips other types', async (t, store, settle) => {
    for (let i = 0; i < 7; i++) await store.appendToStream(`p-${i % 3}`, [ev(i % 2 ? 'Odd' : 'Even', { i })]);
    await settle();
    const seen: number[] = [];
    let from = 1n;
    for (;;) {
      const page = await store.readAll({ fromPosition: from, limit: 3 });
      seen.push(...page.events.map((e) => (e.data as { i: number }).i));
      if (page.events.length === 0) break;
      t.ok(page.nextPosition > from);
      from = page.nextPosition;
    }
    t.same(seen, [0, 1, 2, 3, 4, 5, 6]);
    const odd = await store.readAll({ types: ['Odd'], limit: 100 });
    t.same(odd.events.map((e) => (e.data as { i: number }).i), [1, 3, 5]);
    t.equal(odd.nextPosition, (await store.headPosition()) + 1n, 'a filtered reader moves past the head');
    const none = await store.readAll({ types: ['Nothing'] });
    t.same(none.events, []);
    t.equal(none.nextPosition, (await store.headPosition()) + 1n);
  });

  withStore('concurrent writers to one stream: exactly one wins per version', async (t, store) => {
    await store.appendToStream('race', [ev()]);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.appendToStream('race', [ev(), ev()], { expectedVersion: 1n })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    t.equal(won.length, 1);
    for (const r of results) if (r.status === 'rejected') t.type(r.reason, ExpectedVersionConflict);
    t.same((await store.readStream('race')).map((e) => e.streamVersion), [1n, 2n, 3n]);
  });

  withStore('concurrent writers to many streams lose and duplicate nothing', async (t, store, settle) => {
    const writers = 8;
    const perWriter = 50;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          await store.appendToStream(`w-${w}-${i % 5}`, [ev('W', { w, i })], { expectedVersion: BigInt(Math.floor(i / 5)) });
        }
      }),
    );
    await settle();
    const all = await store.readAll({ limit: 10_000 });
    t.equal(all.events.length, writers * perWriter);
    t.equal(new Set(all.events.map((e) => e.eventId)).size, writers * perWriter);
    for (let w = 0; w < writers; w++) t.equal(await store.streamVersion(`w-${w}-0`), 10n);
  });

  withStore('a live subscriber sees every event of 8 concurrent writers once, in ascending order', async (t, store, settle) => {
    const total = 10_000;
    const writers = 8;
    const seen: bigint[] = [];
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    const sub = store.subscribe({
      fromPosition: 1n,
      pollIntervalMs: 200,
      handler: (events) => {
        for (const e of events) seen.push(e.globalPosition);
        if (seen.length >= total) resolveAll();
      },
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        while (next < total) {
          const i = next++;
          await store.appendToStream(`sub-${w}-${i % 40}`, [ev('S', { i })]);
        }
      }),
    );
    await Promise.race([all, sub.done]);
    await sub.stop();
    t.equal(seen.length, total, 'every event seen');
    t.equal(new Set(seen).size, total, 'none twice');
    t.ok(seen.every((p, i) => i === 0 || p > seen[i - 1]!), 'ascending');
    await settle();
    const positions: bigint[] = [];
    for (let from = 1n; ; ) {
      const page = await store.readAll({ fromPosition: from, limit: 5000 });
      if (page.events.length === 0) break;
      positions.push(...page.events.map((e) => e.globalPosition));
      from = page.nextPosition;
    }
    t.same(seen, positions, 'the subscriber saw exactly what readAll reads afterwards');
  });

  withStore('a subscription catches up from a position, then stops cleanly', async (t, store) => {
    await store.appendToStream('c', [ev(), ev(), ev()]);
    const got: bigint[] = [];
    const sub = store.subscribe({ fromPosition: 2n, handler: (es) => void got.push(...es.map((e) => e.globalPosition)) });
    while (got.length < 2) await new Promise((r) => setTimeout(r, 10));
    await store.appendToStream('c', [ev()]);
    while (got.length < 3) await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    await sub.done;
    t.same(got, [2n, 3n, 4n]);
  });

  withStore('a failing handler ends the subscription with its error', async (t, store) => {
    await store.appendToStream('f', [ev()]);
    const sub = store.subscribe({ fromPosition: 1n, handler: () => Promise.reject(new Error('boom')) });
    await t.rejects(sub.done, { message: 'boom' });
  });

  withStore('stream keys name one stream, claimed atomically with its events', async (t, store, settle) => {
    await store.appendToStream('fieldwork-1', [ev()], { keys: ['visit:1', 'visit:2'] });
    t.equal(await store.lookupStream('visit:1'), 'fieldwork-1');
    t.equal(await store.lookupStream('visit:9'), null);
    await store.appendToStream('fieldwork-1', [ev()], { keys: ['visit:1', 'visit:3'] });
    t.equal(await store.lookupStream('visit:3'), 'fieldwork-1');
    await settle();
    const head = await store.headPosition();
    await t.rejects(store.appendToStream('fieldwork-2', [ev()], { keys: ['visit:2'] }), StreamKeyConflict);
    await settle();
    t.equal(await store.headPosition(), head, 'the refused append wrote no event');
  });

  withStore('a 1 MB event and Vietnamese text round-trip byte for byte', async (t, store) => {
    const text = 'Xã Bát Xát, Tỉnh Lào Cai — cán bộ theo dõi địa bàn: Nguyễn Thị Hương 🇻🇳';
    const big = { text, blob: 'ấ'.repeat(350_000) };
    const e = ev('Big', big);
    await store.appendToStream('u', [e]);
    const [stored] = await store.readStream('u');
    t.same(stored!.data, big);
    t.equal(stored!.rawData, JSON.stringify(big));
    t.equal(Buffer.byteLength(stored!.rawData), Buffer.byteLength(JSON.stringify(big)));
    t.ok(Buffer.byteLength(stored!.rawData) > 1_000_000);
    t.equal(stored!.eventId, e.eventId);
    t.same(stored!.metadata, meta);
    t.equal(stored!.occurredAt.toISOString(), e.occurredAt.toISOString());
    t.ok(stored!.recordedAt instanceof Date);
  });

  if (options.tamper) {
    const tamper = options.tamper;
    withStore('the database refuses to update, delete or truncate events', async (t, store) => {
      await store.appendToStream('imm', [ev()]);
      const said = await tamper(store);
      for (const [what, err] of Object.entries(said)) {
        t.ok(err instanceof Error, `${what} was refused`);
      }
      t.match(String(said.update), /append-only/);
      t.match(String(said.delete), /append-only/);
      t.match(String(said.truncate), /append-only/);
      t.match(String(said.appRoleUpdate), /permission denied/);
      t.equal((await store.readStream('imm')).length, 1);
    });
  }
}
