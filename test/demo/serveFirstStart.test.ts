import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';

/**
 * `npm start` on a fresh machine, for real: `node bin/diaban.js serve` on an empty PGlite data
 * directory (DATABASE_URL emptied, so also under the PostgreSQL run) seeds the demo, prints the URL
 * and the tokens, and answers /healthz; a second start seeds nothing and says where the tokens are.
 */
const root = join(import.meta.dirname, '..', '..');

function serve(dataDir: string): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['bin/diaban.js', 'serve'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DIABAN_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DIABAN_DEMO: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stderr?.resume();
  const output = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      // Everything serve prints comes in one write once it listens.
      if (/diaban is listening on \S+\n(.|\n)*\n$/.test(text) || /listening on \S+\n$/.test(text)) resolve(text);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${text}`)));
  });
  return { child, output };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// Seeding the demo runs a few thousand commands through the handlers: about half a minute each on
// an idle machine, several minutes on a loaded 2-core one, beyond .taprc's 300 s.
t.setTimeout(900_000);

t.test('serve on an empty data directory seeds the demo, prints URL and tokens, answers /healthz', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'diaban-demo-serve-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

  // 1. First start: seeded, then listening.
  const started = performance.now();
  const first = serve(dataDir);
  t.teardown(() => first.child.kill('SIGKILL'));
  const printed = await first.output;
  const url = /listening on (\S+)/.exec(printed)?.[1] ?? '';
  const health = await fetch(new URL('healthz', url));
  t.equal(health.status, 200, `/healthz 200 after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const file = JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8')) as { url: string; tokens: { role: string; token: string }[] };
  t.equal(file.url, url, 'the tokens file names the URL');
  t.equal(file.tokens.length, 7, 'one token per role');
  for (const { role, token } of file.tokens) t.match(printed, new RegExp(`${role}\\s+${token}`), `${role} token printed`);
  await stop(first.child);

  // 2. Second start: nothing seeded, the file's place printed.
  const second = serve(dataDir);
  t.teardown(() => second.child.kill('SIGKILL'));
  const again = await second.output;
  t.match(again, /demo tokens \(seeded on the first start\): .*demo-tokens\.json/);
  t.notMatch(again, /dbn_/, 'no token printed again');
  await stop(second.child);
});
