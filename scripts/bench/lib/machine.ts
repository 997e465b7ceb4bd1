import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The machine a run happened on, as one line for BENCHMARKS.md. */
export function describeMachine(databases: readonly string[], loadAtStart: number): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = `${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
  return [
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${memory} GiB`,
    `Node ${process.version}`,
    ...databases,
    `load average ${load} (the machine is shared)`,
  ].join('; ');
}

/** A dependency's installed version, e.g. `packageVersion('@electric-sql/pglite')`. */
export function packageVersion(name: string): string {
  // Packages with an `exports` map may not export package.json: walk up from the entry point.
  try {
    for (let dir = dirname(fileURLToPath(import.meta.resolve(name))); dir !== dirname(dir); dir = dirname(dir)) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    }
  } catch {
    // fall through
  }
  return 'unknown';
}
