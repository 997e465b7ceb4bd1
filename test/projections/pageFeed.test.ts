import t from 'tap';
import { PageFeed } from '#src/projections/PageFeed.js';

// A log of `pages` pages; each read is counted, and reports how far ahead of the slowest reader
// the feed had gone when it was asked for.
function log(pages: number) {
  const reads: number[] = [];
  const read = async (index: number) => {
    reads.push(index);
    await new Promise((resolve) => setImmediate(resolve));
    return { index, last: index === pages - 1 };
  };
  return {
    reads,
    feed: (readers: number, lookahead: number) =>
      new PageFeed<{ index: number; last: boolean }>(readers, lookahead, () => read(0), (p) => (p.last ? null : read(p.index + 1))),
  };
}

t.test('readers at unequal paces each get every page, in order, and each page is read once', async (t) => {
  const { reads, feed: make } = log(25);
  const feed = make(3, 2);
  const seen: number[][] = [[], [], []];
  const taken = [0, 0, 0];
  let widest = 0;
  let held = 0;
  const follow = async (reader: number, delayMs: number) => {
    for (let i = 0; ; i += 1) {
      const page = await feed.take(reader, i);
      if (page === null) return;
      taken[reader] = i + 1;
      widest = Math.max(widest, Math.max(...taken) - Math.min(...taken));
      held = Math.max(held, feed.held);
      seen[reader]!.push(page.index);
      if (page.last) return;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  };
  await Promise.all([follow(0, 0), follow(1, 3), follow(2, 1)]);
  const all = Array.from({ length: 25 }, (_, i) => i);
  for (const s of seen) t.same(s, all, 'every page, in order');
  t.same(reads, all, 'each page read once, in order');
  t.ok(widest <= 2, `no reader ran more than the lookahead ahead of the slowest (widest gap ${widest})`);
  t.ok(widest >= 1, 'the fast readers did go ahead');
  t.ok(held <= 2 + 2, `pages held: at most the lookahead, the page read ahead and the one kept to read it after (${held})`);
  t.ok(feed.held <= 2, `the pages every reader has taken are dropped (${feed.held} held at the end)`);
});

t.test('a reader must ask for the pages in order', async (t) => {
  const { feed: make } = log(3);
  const feed = make(1, 1);
  await t.rejects(feed.take(0, 1), /asked for page 1 after 0 pages/);
});

t.test('abort releases readers waiting on a slower one, and they get no more pages', async (t) => {
  const { feed: make } = log(10);
  const feed = make(2, 1);
  t.equal((await feed.take(0, 0))?.index, 0);
  // Reader 1 has taken nothing: reader 0 waits for it before page 1.
  let settled = false;
  const waiting = feed.take(0, 1).then((page) => { settled = true; return page; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.notOk(settled, 'waits for the slowest reader');
  feed.abort();
  t.equal(await waiting, null, 'released with no page');
  t.equal(await feed.take(1, 0), null, 'a reader after the abort gets none');
});

t.test('an empty log ends every reader at once', async (t) => {
  const feed = new PageFeed<{ n: number }>(2, 1, async () => ({ n: 0 }), () => null);
  t.same(await feed.take(0, 0), { n: 0 });
  t.same(await feed.take(1, 0), { n: 0 });
  t.equal(await feed.take(0, 1), null, 'nothing after the last page');
});

t.test('a page that fails to read fails every reader that asks for it, and nothing goes unhandled', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => { process.off('unhandledRejection', onUnhandled); });
  const feed = new PageFeed<{ index: number }>(2, 2, async () => ({ index: 0 }), async (p) => {
    if (p.index === 1) throw new Error('read failed');
    return { index: p.index + 1 };
  });
  t.same(await feed.take(0, 0), { index: 0 });
  t.same(await feed.take(0, 1), { index: 1 }, 'page 2, read ahead meanwhile, fails');
  t.same(await feed.take(1, 0), { index: 0 });
  await t.rejects(feed.take(0, 2), /read failed/);
  t.same(await feed.take(1, 1), { index: 1 });
  await t.rejects(feed.take(1, 2), /read failed/, 'the other reader gets the same failure');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(unhandled, [], 'no unhandled rejection (pages read ahead and never taken included)');
});
