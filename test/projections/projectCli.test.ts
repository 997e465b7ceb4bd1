import { PassThrough } from 'node:stream';
import t from 'tap';
import { allProjections } from '../../projections/index.js';
import { runProjections } from '../../src/cli/commands/project.js';
import { rebuildProjections, UnknownProjectionError } from '../../src/cli/commands/rebuild.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';

t.test('diaban project --once and diaban rebuild, through their command functions', async (t) => {
  const h = await openProjectionHarness(allProjections);
  t.teardown(h.close);
  await h.given(
    { stream: 'unit-10', event: { type: 'UnitEstablished', data: { code: '10', name: 'Tỉnh Lào Cai', type: 'Tỉnh', level: 'province', parentCode: null, effectiveDate: '2000-01-01' } } },
    { stream: 'unit-02809', event: { type: 'UnitEstablished', data: { code: '02809', name: 'Xã Bát Xát', type: 'Xã', level: 'commune', parentCode: '10', effectiveDate: '2000-01-01' } } },
  );
  while ((await h.store.headPosition()) < 2n) await new Promise((r) => setTimeout(r, 10));

  // 1. --once: every projection catches up to the head, then the function returns.
  await runProjections(h.runner, { once: true, stopped: Promise.resolve() });
  const { head, builds } = await h.runner.status();
  t.ok(builds.length === allProjections.length && builds.every((b) => b.position === head && b.lag === 0n), 'every build at the head');
  const live = await h.digest('units', 'code');

  // 2. rebuild one by name: a new generation, same rows, a progress bar on the given stream.
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  t.same(await rebuildProjections(h.runner, ['unit-lineage'], { stream: out }), ['unit-lineage']);
  t.match(printed, /unit-lineage/);
  t.equal(await h.digest('units', 'code'), live);
  const after = (await h.runner.status()).builds;
  t.same(after.filter((b) => b.name === 'unit-lineage').map((b) => [b.generation, b.status]), [[2, 'active']]);

  // 3. No name: all of them. An unknown name: refused before anything is rebuilt.
  t.same(await rebuildProjections(h.runner, [], { stream: new PassThrough() }), allProjections.map((p) => p.name));
  t.ok((await h.runner.status()).builds.every((b) => b.generation >= 2 && b.status === 'active'));
  await t.rejects(rebuildProjections(h.runner, ['nope'], { stream: new PassThrough() }), UnknownProjectionError);

  // 4. Live mode runs until told to stop.
  let stop: () => void = () => undefined;
  const running = runProjections(h.runner, { once: false, stopped: new Promise<void>((r) => (stop = r)) });
  await new Promise((r) => setTimeout(r, 100));
  stop();
  await running;
  t.pass('stopped cleanly');
});
