import t from 'tap';
import { streamFamilies, streamFamilyOf } from '#events/streams.js';
import { TokenStore } from '#src/auth/TokenStore.js';
import { tokenRoles } from '#src/auth/roles.js';
import { DemoDatabaseNotEmptyError, seedDemo } from '#src/demo/seedDemo.js';
import { PostgresEventStore } from '#src/store/postgres/PostgresEventStore.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { demoRun } from './demoRun.js';

// Seeding the demo runs a few thousand commands through the handlers: about half a minute each on
// an idle machine, several minutes on a loaded 2-core one, beyond .taprc's 300 s.
t.setTimeout(900_000);

t.test(`seed-demo small on ${databaseKind}: deterministic, complete, with working tokens`, async (t) => {
  // 1. Two runs with the default seed on two fresh databases.
  const first = await demoRun({ seed: 1 });
  t.teardown(() => first.close());
  const second = await demoRun({ seed: 1 });
  t.teardown(() => second.close());
  t.comment(`seeded in ${first.result.milliseconds} ms and ${second.result.milliseconds} ms on ${databaseKind}`);
  t.equal(first.lines.length, second.lines.length, `${first.lines.length} events both times`);
  t.equal(first.digest, second.digest, 'the same streams, versions, types and data (ids by order of appearance)');
  t.same(first.result.events, second.result.events, 'the same counts per event type');

  t.test('the history holds every stream family and the story\'s turns', async (t) => {
    const families = new Set(first.lines.map((line) => streamFamilyOf(line.slice(0, line.indexOf('|')))));
    t.same([...streamFamilies].filter((family) => !families.has(family)), [], 'no family missing');
    const events = first.result.events;
    for (const type of ['UnitsMerged', 'CadreRotated', 'VisitDisputed', 'ReportAmended', 'RecommendationAnswered', 'PlanApproved', 'CadreEvaluated', 'UnitRated', 'CadreTransferred']) {
      t.ok((events[type] ?? 0) > 0, `${type}: ${events[type] ?? 0}`);
    }
    t.ok(first.lines.some((line) => line.includes('"reason":"unit-merged"')), 'the 2025 merges ended assignments');
    t.ok(first.lines.some((line) => line.includes('"congressTerm":"2025-2030"')), 'assignments of the 2025–2030 term');
    t.ok((events.CadreRegistered ?? 0) >= 150, `a few hundred cadres: ${events.CadreRegistered ?? 0}`);
  });

  t.test('its visits and reports say they are transcribed history, recorded today about the past', async (t) => {
    const fieldwork = first.lines.filter((line) => /\|(VisitLogged|ReportFiled)\|/.test(line));
    t.ok(fieldwork.length > 100, `${fieldwork.length} visits and reports`);
    t.same(fieldwork.filter((line) => !line.includes('"transcribedFrom":"diaban seed-demo --seed 1 --scale small')), [], 'every one names the demo as its source');
  });

  t.test('each demo token authenticates to its role and scope', async (t) => {
    const tokens = new TokenStore(first.database);
    t.same(first.result.tokens.map((token) => token.role).sort(), [...tokenRoles].sort(), 'one token per role');
    for (const { role, token } of first.result.tokens) {
      const actor = await tokens.actorFor(token);
      t.equal(actor?.role, role, role);
    }
    const scoped = new Map(await Promise.all(first.result.tokens.map(async (token) => [token.role, await tokens.actorFor(token.token)] as const)));
    t.match(scoped.get('cadre'), { cadreId: first.result.scopes.cadreId });
    t.match(scoped.get('organizer'), { provinceCode: '15' });
    t.match(scoped.get('unit-committee'), { unitCode: first.result.scopes.communeCode });
    t.match(scoped.get('agency'), { agencyId: first.result.scopes.agencyId });
  });

  t.test('a database with events is refused', async (t) => {
    const store = new PostgresEventStore(first.database);
    await t.rejects(seedDemo({ store, database: first.database }), DemoDatabaseNotEmptyError);
  });
});
