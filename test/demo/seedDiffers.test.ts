import t from 'tap';
import { EARLIEST_TODAY } from '#src/demo/seedDemo.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { demoRun } from './demoRun.js';

// Seeding the demo runs a few thousand commands through the handlers: about half a minute each on
// an idle machine, several minutes on a loaded 2-core one, beyond .taprc's 300 s.
t.setTimeout(900_000);

t.test(`seed-demo on ${databaseKind}: another seed records another history`, async (t) => {
  // The earliest "today" the story allows keeps both runs shorter; the seeds diverge from the first draw.
  const one = await demoRun({ seed: 1, today: EARLIEST_TODAY });
  t.teardown(() => one.close());
  const two = await demoRun({ seed: 2, today: EARLIEST_TODAY });
  t.teardown(() => two.close());
  t.not(one.digest, two.digest, 'different digests');
  const names = (lines: string[]) => lines.filter((line) => line.includes('|CadreRegistered|')).join('\n');
  t.not(names(one.lines), names(two.lines), 'different cadres');
});
