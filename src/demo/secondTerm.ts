import type { UnitsMerged } from '#events/units.js';
import { assign, end, freeCadres, runningOn } from './assignments.js';
import type { DemoAssignment, DemoCadre, DemoWorld } from './DemoWorld.js';
import { NEW_PROVINCE_OF } from './geography.js';

const LAST_DAY_BEFORE_REFORM = '2025-06-30';

/**
 * What the merge process did on the boards (src/domain/board/mergeProcess.ts): assignments to a
 * merged commune other than the one merged into ended on 1/7/2025. Mirrored in the demo's memory.
 */
export function noteMergeEnds(world: DemoWorld, merges: readonly UnitsMerged[]): void {
  for (const merge of merges) {
    for (const a of world.assignments) {
      if (merge.fromCodes.includes(a.unitCode) && a.unitCode !== merge.intoCode && (a.end === null || a.end > LAST_DAY_BEFORE_REFORM)) a.end = LAST_DAY_BEFORE_REFORM;
    }
  }
}

const oldProvincesOf = (newProvince: string): string[] => Object.keys(NEW_PROVINCE_OF).filter((old) => NEW_PROVINCE_OF[old] === newProvince);

/**
 * 15/7/2025: the new provinces' boards give each merged commune a follower, preferably someone who
 * followed one of the communes it was formed from. 20/10/2025, after the provincial congresses:
 * every running assignment ends with the term, and the 2025–2030 term starts, most followers kept.
 */
export async function afterReform(world: DemoWorld): Promise<void> {
  for (const [province, all] of world.newCommunes) {
    for (const unitCode of followedOf(world, province, all)) {
      if (runningOn(world, '2025-07-15').some((a) => a.unitCode === unitCode && a.kind === 'follow')) continue;
      const cadre = previousFollower(world, unitCode, '2025-07-15') ?? pickFree(world, province, '2025-07-15');
      if (cadre === undefined) continue;
      await assign(world, { board: province, cadre, unitCode, kind: 'follow', decisionRef: `demo ${world.random.int(100, 999)}-QĐ/TU`, decisionDate: '2025-07-10', from: '2025-07-15', term: '2020-2025' });
    }
  }
}

export async function newTerm(world: DemoWorld): Promise<void> {
  const kept = new Map<string, string>();
  for (const a of runningOn(world, '2025-10-20')) {
    if (a.kind === 'follow') kept.set(a.unitCode, a.cadreId);
    await end(world, a, 'term-ended', '2025-10-20');
  }
  for (const [province, all] of world.newCommunes) {
    const ref = `demo ${world.random.int(100, 999)}-QĐ/TU`;
    const communes = followedOf(world, province, all);
    for (const unitCode of communes) {
      const keep = kept.get(unitCode);
      const stays = keep !== undefined && world.random.chance(0.75);
      const cadre = stays ? byId(world, keep) : pickFree(world, province, '2025-10-20');
      if (cadre === undefined) continue;
      await assign(world, { board: province, cadre, unitCode, kind: 'follow', decisionRef: ref, decisionDate: '2025-10-15', from: '2025-10-20', term: '2025-2030' });
    }
    const cell = freeCadres(world, oldProvincesOf(province), '2025-10-20')[0];
    if (cell !== undefined && communes[0] !== undefined) {
      await assign(world, { board: province, cadre: cell, unitCode: communes[0], kind: 'cell-meetings', decisionRef: ref, decisionDate: '2025-10-15', from: '2025-10-20', term: '2025-2030' });
    }
  }
}

/** As many followed communes as the old provinces had between them (the scale's limit). */
function followedOf(world: DemoWorld, province: string, communes: readonly string[]): readonly string[] {
  const limit = world.scale.followedPerOldProvince;
  return limit === null ? communes : communes.slice(0, limit * oldProvincesOf(province).length);
}

function pickFree(world: DemoWorld, province: string, date: string): DemoCadre | undefined {
  const free = freeCadres(world, oldProvincesOf(province), date);
  return free.length === 0 ? undefined : world.random.pick(free);
}

function previousFollower(world: DemoWorld, newCommune: string, date: string): DemoCadre | undefined {
  const busy = new Set(runningOn(world, date).map((a) => a.cadreId));
  const before = world.assignments.filter((a: DemoAssignment) =>
    a.kind === 'follow' && a.end === LAST_DAY_BEFORE_REFORM && (world.successors.get(a.unitCode) ?? []).includes(newCommune) && !busy.has(a.cadreId));
  const found = before[0];
  return found === undefined ? undefined : world.cadres.find((c) => c.cadreId === found.cadreId && (c.retiredOn === null || c.retiredOn > date));
}

function byId(world: DemoWorld, cadreId: string): DemoCadre {
  const cadre = world.cadres.find((c) => c.cadreId === cadreId);
  if (cadre === undefined) throw new Error(`unknown demo cadre ${cadreId}`);
  return cadre;
}
