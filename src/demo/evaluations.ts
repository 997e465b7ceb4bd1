import type { Rating } from '#events/common.js';
import { amendEvaluation } from '../commands/evaluation/amendEvaluation.js';
import { evaluateCadre } from '../commands/evaluation/evaluateCadre.js';
import { rateUnit } from '../commands/evaluation/rateUnit.js';
import { actors, envAt, type DemoWorld } from './DemoWorld.js';
import { EVALUATION_COMMENTS } from './texts.js';

const REFORM = '2025-07-01';

/** Mostly "good", as the 20%-of-good quota for "excellent" suggests (domain-notes §5b). */
function rating(world: DemoWorld): Rating {
  const roll = world.random.next();
  return roll < 0.18 ? 'excellent' : roll < 0.78 ? 'good' : roll < 0.97 ? 'completed' : 'not-completed';
}

/**
 * Each December the commune committee writes its evaluation of the cadres who followed it that
 * year (Bắc Kạn 1390-QĐ/TU, unconfirmed: §2); in 2025 only the new communes do, the old ones having
 * ceased on 1/7. One evaluation is amended. In January the province rates its communes.
 */
export async function evaluateYears(world: DemoWorld, years: readonly number[]): Promise<void> {
  let amended = false;
  for (const year of years) {
    const communes = new Map<string, Set<string>>();
    for (const a of world.assignments) {
      if (a.kind !== 'follow' || a.start > `${year}-12-31` || (a.end !== null && a.end < `${year}-01-01`)) continue;
      if (year >= 2025 && a.end !== null && a.end < REFORM) continue;
      communes.set(a.unitCode, (communes.get(a.unitCode) ?? new Set()).add(a.cadreId));
    }
    for (const [unitCode, cadreIds] of communes) {
      for (const cadreId of cadreIds) {
        const value = rating(world);
        const env = envAt(world, actors.committee(unitCode), `${year}-12-18`, 10);
        const { id } = await evaluateCadre(env, { committeeUnitCode: unitCode, cadreId, year, rating: value, comments: EVALUATION_COMMENTS[value] });
        world.tick();
        if (!amended && value === 'completed') {
          amended = true;
          await amendEvaluation(envAt(world, actors.committee(unitCode), `${year}-12-28`, 10), id, { reason: 'Rà soát lại theo ý kiến của Thường trực Đảng ủy', rating: 'good' });
          world.tick();
        }
      }
    }
    await rateCommunes(world, year, new Set(communes.keys()));
  }
}

/** The province rates the communes that had a follower that year (the others are no part of the demo's story). */
async function rateCommunes(world: DemoWorld, year: number, followed: ReadonlySet<string>): Promise<void> {
  const byProvince = year < 2025 ? world.oldCommunes : world.newCommunes;
  for (const [province, communes] of byProvince) {
    const env = envAt(world, actors.committee(province), `${year + 1}-01-20`, 10);
    for (const unitCode of communes.filter((code) => followed.has(code))) {
      const value = rating(world);
      await rateUnit(env, { committeeUnitCode: province, unitCode, year, rating: value });
      world.tick();
    }
  }
}
