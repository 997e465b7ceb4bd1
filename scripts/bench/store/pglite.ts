import { openPglite } from '../../../src/db/openPglite.js';
import { PostgresEventStore } from '../../../src/store/postgres/PostgresEventStore.js';
import { progress } from '../lib/log.js';
import { packageVersion } from '../lib/machine.js';
import { timed } from '../lib/timing.js';
import { diabanContender } from './diaban.js';
import { pgliteTemplate } from './pgliteTemplate.js';
import type { Timings } from './postgres.js';
import { readWholeLog } from './readAll.js';
import { localRunner, warmUp } from './runner.js';
import type { WorkloadSize } from './workload.js';

export interface PgliteResults {
  ms: Timings;
  read: { events: number; readAllMs: number };
  version: string;
}

/** The same diaban steps on an in-memory PGlite (one session: concurrent writers queue on it). */
export async function runOnPglite(size: WorkloadSize): Promise<PgliteResults> {
  progress('PGlite: creating an in-memory database');
  const names = { schema: 'diaban', appRole: 'diaban_app' };
  const database = await openPglite({ ...names, loadDataDir: await pgliteTemplate(names) });
  const store = new PostgresEventStore(database);
  const contender = diabanContender(store, async () => {
    await store.close();
    await database.close();
  });
  const runner = localRunner('diaban', contender, size);
  try {
    await warmUp(contender, size);
    progress('PGlite: single-event appends');
    const seq = await runner.singles('seq', size.events);
    const c8 = await runner.singles('c8', size.events);
    progress('PGlite: batch appends');
    const batch = await runner.batches(size.batches);
    progress('PGlite: readAll');
    let events = 0;
    const readAllMs = await timed(async () => {
      for (let i = 0; i < size.rounds; i++) events += await readWholeLog(store);
    });
    return { ms: { seq, c8, batch }, read: { events, readAllMs }, version: packageVersion('@electric-sql/pglite') };
  } finally {
    await runner.close();
  }
}
