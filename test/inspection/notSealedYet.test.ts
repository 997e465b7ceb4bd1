import pg from 'pg';
import t from 'tap';
import { ApiError } from '../../src/errors/ApiError.js';
import { errorCodeInfo } from '../../src/errors/registry.js';
import { sealedCheckpoint } from '../../src/inspection/sealedCheckpoint.js';
import { openTestApp } from '../helpers/testApp.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { testEvent } from '../helpers/testLedger.js';

// An event the sealer cannot see yet must never be judged: an unsealed record would read as a
// tampered one. A transaction left open elsewhere in the cluster hides newer commits from the
// sealer (README "Ordering guarantee"); the inspection waits, then answers 503, and judges once the
// horizon moves. PGlite has one connection, so nothing else can hold a transaction open there.
t.test('an event the sealer cannot see yet answers INSPECTION_NOT_SEALED_YET, then seals', { skip: databaseKind !== 'postgres' && 'needs a second connection (PostgreSQL)' }, async (t) => {
  const app = await openTestApp();
  t.teardown(() => app.close());
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
  t.teardown(() => blocker.end());
  await blocker.query('BEGIN');
  await blocker.query('SELECT pg_current_xact_id()');
  const { positions } = await app.store.appendToStream('test-unsealed', [testEvent('TestHappened', { n: 1 })], { expectedVersion: 'no_stream' });
  const position = positions[0]!;

  const started = Date.now();
  const error = await sealedCheckpoint(app.ledger, position, 400).then(() => null, (e: unknown) => e);
  t.ok(error instanceof ApiError, 'an ApiError, not a checkpoint that leaves the event out');
  t.equal((error as ApiError).code, 'INSPECTION_NOT_SEALED_YET');
  t.match((error as ApiError).message, `position ${position}`);
  t.ok(Date.now() - started >= 400, 'it waited the time it was given');
  t.equal(errorCodeInfo('INSPECTION_NOT_SEALED_YET')?.status, 503);

  await blocker.query('COMMIT');
  const checkpoint = await sealedCheckpoint(app.ledger, position, 30_000);
  t.ok(checkpoint.treeSize >= position, `sealed once the horizon moved (tree size ${checkpoint.treeSize})`);
  t.ok(await app.ledger.reader.leafAt(position), 'the event has its leaf');
});
