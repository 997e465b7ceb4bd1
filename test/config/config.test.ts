import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DataDirLockedError, lockDataDir } from '../../src/db/dataDirLock.js';

t.test('config defaults: embedded PGlite in ./.diaban on port 3000', async (t) => {
  const c = loadConfig({});
  t.equal(c.DATABASE_URL, undefined);
  t.equal(c.DIABAN_DATA_DIR, './.diaban');
  t.equal(c.PORT, 3000);
  t.equal(c.LOG_LEVEL, 'info');
  t.equal(loadConfig({ DATABASE_URL: '' }).DATABASE_URL, undefined, 'an empty variable counts as unset');
});

t.test('bad configuration fails naming the variable', async (t) => {
  const err = t.throws(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })) as ConfigError;
  t.type(err, ConfigError);
  t.equal(err.code, 'CONFIG_INVALID');
  t.match(err.message, /PORT/);
  t.match(err.message, /LOG_LEVEL/);
  t.match(err.message, /DATABASE_URL/);
});

t.test('a data directory is locked by one process; a stale lock is taken over', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'diaban-lock-'));
  const release = lockDataDir(dir);
  t.equal(readFileSync(join(dir, 'diaban.lock'), 'utf8'), String(process.pid));
  release();
  // A lock held by another live process (our parent, here) refuses us with a clear error.
  writeFileSync(join(dir, 'diaban.lock'), String(process.ppid));
  t.throws(() => lockDataDir(dir), DataDirLockedError);
  // A lock left by a dead process is taken over.
  writeFileSync(join(dir, 'diaban.lock'), '999999999');
  const again = lockDataDir(dir);
  t.equal(readFileSync(join(dir, 'diaban.lock'), 'utf8'), String(process.pid));
  again();
});
