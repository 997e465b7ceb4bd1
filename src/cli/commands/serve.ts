import type { Command } from 'commander';
import { startServer } from '../../server.js';
import { demoTokensText, demoWanted, firstStartDemo } from '../../demo/firstStart.js';
import { withRuntime } from '../withRuntime.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API and dashboard (PGlite in DIABAN_DATA_DIR unless DATABASE_URL is set); seeds the demo into an empty database')
    .option('--no-demo', 'do not seed the demo history into an empty database (also DIABAN_DEMO=0)')
    .action((options: { demo: boolean }) =>
      withRuntime(async (runtime) => {
        // Before listening, so that the first answer already shows the demo.
        const demo = options.demo && demoWanted(runtime) ? await firstStartDemo(runtime) : null;
        const app = await startServer(runtime);
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : runtime.config.PORT;
        const url = `http://${runtime.config.HOST}:${port}/`;
        runtime.log.info({ url, database: runtime.database.kind }, 'diaban is listening');
        process.stdout.write(`diaban is listening on ${url}\n${await demoTokensText(runtime, demo, url)}`);
        await waitForSignal();
        runtime.log.info('shutting down');
        await app.close();
      }),
    );
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
