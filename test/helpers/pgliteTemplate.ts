import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpPgliteTemplate } from '../../src/db/openPglite.js';
import { migrations } from '../../src/db/migrations/index.js';
import type { SchemaNames } from '../../src/db/identifiers.js';

let cached: Promise<Blob> | undefined;

/**
 * initdb inside PGlite takes seconds; a migrated template, dumped once and shared by every test file
 * through a file named after the migrations' text, brings a fresh database down to about one second.
 */
export function pgliteTemplate(names: SchemaNames): Promise<Blob> {
  cached ??= load(names);
  return cached;
}

async function load(names: SchemaNames): Promise<Blob> {
  const key = createHash('sha256')
    .update(JSON.stringify(names))
    .update(migrations.map((m) => m.id + m.up(names)).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const path = join(tmpdir(), `diaban-pglite-template-${key}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const blob = await dumpPgliteTemplate(names);
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, Buffer.from(await blob.arrayBuffer()));
  renameSync(temp, path); // atomic: parallel test files never read half a file
  return blob;
}
