import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../../src/db/migrations/index.js';
import type { SchemaNames } from '../../../src/db/identifiers.js';
import { dumpPgliteTemplate } from '../../../src/db/openPglite.js';

/**
 * A migrated, empty PGlite database, dumped once and kept in the temp directory under a name derived
 * from the migrations' text: initdb inside PGlite takes seconds (tens on a loaded machine), which the
 * quick mode and its test should not pay on every run.
 */
export async function pgliteTemplate(names: SchemaNames): Promise<Blob> {
  const key = createHash('sha256')
    .update(JSON.stringify(names))
    .update(migrations.map((m) => m.id + m.up(names)).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const path = join(tmpdir(), `diaban-bench-pglite-${key}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const blob = await dumpPgliteTemplate(names);
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, Buffer.from(await blob.arrayBuffer()));
  renameSync(temp, path); // atomic: a concurrent run never reads half a file
  return blob;
}
