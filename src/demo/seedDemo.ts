import type { IsoDate } from '#events/common.js';
import { TokenStore } from '../auth/TokenStore.js';
import type { Database } from '../db/Database.js';
import { runImportPlan } from '../import/runImportPlan.js';
import type { ImportPhase } from '../import/importPlan.js';
import { readUnitData } from '../import/unitData.js';
import type { EventStore } from '../store/EventStore.js';
import { agencyByKey, registerAgencies, renameAgencies } from './agencies.js';
import { registerCadres, transferOnReform } from './cadres.js';
import { createDemoTokens, type DemoToken, type DemoTokenScopes } from './demoTokens.js';
import { demoUnits } from './demoUnits.js';
import { registerActorTokens, type DemoWorld } from './DemoWorld.js';
import { evaluateYears } from './evaluations.js';
import { PersonalDataVault } from '../ledger/postgres/personalData.js';
import { firstTerm } from './firstTerm.js';
import { RENAMED_ON_REFORM } from './geography.js';
import { countEvents } from './countEvents.js';
import { planNgheAn } from './plans.js';
import { issuePolicies } from './policies.js';
import { provinceNames } from './provinceNames.js';
import { Random } from './random.js';
import { scaleParameters, type DemoScale } from './scale.js';
import { afterReform, newTerm, noteMergeEnds } from './secondTerm.js';
import { recordVisit } from './visitFlow.js';
import { planVisits } from './visitPlan.js';

/** The demo's "today": the history runs up to it, whatever the machine's clock says. */
export const DEMO_TODAY: IsoDate = '2026-11-22';
export const DEFAULT_SEED = 1;
/** The story's decisions are dated up to the 2025–2030 term (20/10/2025); `today` must come after. */
export const EARLIEST_TODAY: IsoDate = '2025-12-01';

export interface SeedDemoOptions {
  readonly store: EventStore;
  /** For the personal-data vault and the token store. */
  readonly database: Database;
  readonly seed?: number;
  readonly scale?: DemoScale;
  readonly today?: IsoDate;
  /** Unit commands in flight (the import's pool): 1 on PGlite, more on PostgreSQL. */
  readonly concurrency?: number;
  /** Told how many commands a stage will run (an estimate for the trips) and after each one. */
  readonly progress?: { stage(name: string, commands: number): void; tick(): void };
}

export interface SeedDemoResult {
  readonly seed: number;
  readonly scale: DemoScale;
  readonly today: IsoDate;
  readonly tokens: readonly DemoToken[];
  readonly scopes: DemoTokenScopes;
  readonly events: Readonly<Record<string, number>>;
  readonly milliseconds: number;
}

export class DemoDatabaseNotEmptyError extends Error {
  readonly code = 'DEMO_DATABASE_NOT_EMPTY';
  constructor() {
    super('the database already holds events; the demo is seeded into an empty database only');
    this.name = 'DemoDatabaseNotEmptyError';
  }
}

/**
 * Records the demo history through the command handlers, stage after stage in story order (the
 * units first, the 2025 reform after the first term's assignments so that its merge process ends
 * them), then creates one token per role. Deterministic for a seed, apart from ids and salts.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = performance.now();
  if ((await options.store.committedPosition()) > 0n) throw new DemoDatabaseNotEmptyError();
  if (options.today !== undefined && options.today < EARLIEST_TODAY) throw new RangeError(`the demo's today must be ${EARLIEST_TODAY} or later`);
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 'small';
  const random = new Random(seed);
  const params = scaleParameters[scale];
  const data = await readUnitData();
  const units = demoUnits(data, params.communesPerOldProvince, params.wholeCountry);
  const progress = options.progress ?? { stage: () => undefined, tick: () => undefined };
  const world: DemoWorld = {
    store: options.store, vault: new PersonalDataVault(options.database), random, scale: params, today: options.today ?? DEMO_TODAY,
    correlationId: random.uuid(), transcribedFrom: `diaban seed-demo --seed ${seed} --scale ${scale} (lịch sử minh họa, không phải hồ sơ thật)`, oldCommunes: units.oldCommunes, newCommunes: units.newCommunes, successors: units.successors,
    agencies: [], cadres: [], assignments: [], tick: progress.tick,
  };
  const [baseline, reform] = units.plan.phases;
  const runPhase = async (phase: ImportPhase | undefined, now: string) => {
    if (phase === undefined) return;
    progress.stage(`units ${phase.name}`, phase.stages.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.steps.length, 0), 0));
    await runImportPlan({ provinces: units.plan.provinces, phases: [phase] }, {
      store: options.store, now: () => new Date(now), concurrency: options.concurrency ?? 1, onStep: () => progress.tick(),
    });
  };

  await runPhase(baseline, '2020-01-02T09:00:00+07:00');
  const names = provinceNames(data);
  progress.stage('agencies and cadres', names.size * 8 * (1 + params.cadresPerAgency) + 4);
  await registerAgencies(world, names);
  await registerCadres(world, params.cadresPerAgency);
  await issuePolicies(world, { from: '2000-01-01', until: '2025-06-30' });
  progress.stage('2020–2025 term', [...units.oldCommunes.values()].reduce((n, c) => n + Math.min(c.length, params.followedPerOldProvince ?? c.length) + 4, 0));
  await firstTerm(world);
  progress.stage('2025 reform', world.cadres.length / 2 + world.agencies.length);
  await renameAgencies(world, RENAMED_ON_REFORM);
  await transferOnReform(world);
  await runPhase(reform, '2025-06-16T09:00:00+07:00');
  noteMergeEnds(world, reform?.merges ?? []);
  await issuePolicies(world, { from: '2025-07-01', until: world.today });
  progress.stage('2025–2030 term', [...units.newCommunes.values()].reduce((n, c) => n + c.length * 3, 0));
  await afterReform(world);
  await newTerm(world);

  const scopes = demoScopes(world);
  const visits = planVisits(world, scopes.cadreId);
  progress.stage('trips, reports, recommendations', Math.round(visits.length * 3.3));
  const planned = await planNgheAn(world, visits);
  for (const visit of visits) await recordVisit(world, visit, planned.get(visit));
  progress.stage('evaluations and ratings', world.assignments.length + [...units.oldCommunes.values()].flat().length * 3);
  await evaluateYears(world, [2022, 2023, 2024, 2025].filter((year) => `${year}-12-18` <= world.today));

  const tokenStore = new TokenStore(options.database);
  await registerActorTokens(tokenStore);
  const tokens = await createDemoTokens(tokenStore, scopes);
  return { seed, scale, today: world.today, tokens, scopes, events: await countEvents(options.store), milliseconds: Math.round(performance.now() - started) };
}

/** The demo cadre: the first follower of the new Lào Cai's 2025–2030 term; their commune; its agriculture department. */
function demoScopes(world: DemoWorld): DemoTokenScopes {
  const first = world.assignments.find((a) => a.committeeUnitCode === '15' && a.kind === 'follow' && a.start === '2025-10-20') ?? world.assignments[0];
  if (first === undefined) throw new Error('the demo made no assignment');
  return { organizerProvince: '15', cadreId: first.cadreId, communeCode: first.unitCode, agencyId: agencyByKey(world, '15', 'agriculture').agencyId };
}
