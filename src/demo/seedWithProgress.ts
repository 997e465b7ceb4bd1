import cliProgress from 'cli-progress';
import type { Runtime } from '../runtime.js';
import { writeDemoTokens, type DemoTokensFile } from './demoTokens.js';
import { seedDemo, type SeedDemoResult } from './seedDemo.js';
import type { DemoScale } from './scale.js';

/** PGlite has one connection; on PostgreSQL the unit stages run 8 commands at once. */
const CONCURRENCY = { pglite: 1, postgres: 8 } as const;

export interface SeededDemo {
  readonly result: SeedDemoResult;
  readonly file: DemoTokensFile;
  readonly path: string;
}

/**
 * Seeds with a progress bar on stderr (stdout stays for the URL and tokens), then writes the tokens
 * to `<DIABAN_DATA_DIR>/demo-tokens.json`. Shared by `seed-demo` and `serve`'s first start.
 */
export async function seedWithProgress(runtime: Runtime, options: { seed?: number; scale?: DemoScale; today?: string; url?: string }): Promise<SeededDemo> {
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'seed-demo {stage} [{bar}] {value}/{total} commands | {duration_formatted}',
    hideCursor: true,
    noTTYOutput: false,
  }, cliProgress.Presets.shades_classic);
  let done = 0;
  let total = 0;
  bar.start(1, 0, { stage: 'units' });
  try {
    const result = await seedDemo({
      store: runtime.store,
      database: runtime.database,
      concurrency: CONCURRENCY[runtime.database.kind],
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.scale !== undefined ? { scale: options.scale } : {}),
      ...(options.today !== undefined ? { today: options.today } : {}),
      progress: {
        // Stage sizes are estimates (a trip takes one to six commands): the total grows stage by stage.
        stage: (stage, commands) => {
          total = done + commands;
          bar.setTotal(total);
          bar.update(done, { stage });
        },
        tick: () => {
          done += 1;
          if (done > total) bar.setTotal((total = done));
          bar.update(done);
        },
      },
    });
    bar.stop();
    const file: DemoTokensFile = { ...(options.url ? { url: options.url } : {}), seed: result.seed, scale: result.scale, today: result.today, scopes: result.scopes, tokens: result.tokens };
    const path = await writeDemoTokens(runtime.config.DIABAN_DATA_DIR, file);
    return { result, file, path };
  } catch (error) {
    bar.stop();
    throw error;
  }
}
