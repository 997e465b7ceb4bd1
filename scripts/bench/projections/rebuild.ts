import { allProjections } from '#projections/index.js';
import { rebuildProjections } from '../../../src/cli/commands/rebuild.js';
import type { Database } from '../../../src/db/Database.js';
import { ProjectionRunner } from '../../../src/projections/ProjectionRunner.js';
import type { EventStore } from '../../../src/store/EventStore.js';

/**
 * What `diaban rebuild` (no name) does, through its own function: every read model rebuilt
 * blue/green from the first event into a new generation beside the active one, then switched. The
 * active builds exist first, as on a running system (empty here: created, not caught up, so that
 * nothing is read twice). Its progress bar goes to stderr. Milliseconds in all.
 */
export async function rebuildAll(database: Database, store: EventStore): Promise<number> {
  const runner = new ProjectionRunner(database, store, allProjections);
  await runner.ensureBuilds();
  const start = performance.now();
  await rebuildProjections(runner, []);
  return performance.now() - start;
}
