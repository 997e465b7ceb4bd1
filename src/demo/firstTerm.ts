import type { IsoDate } from '#events/common.js';
import { assign, end, freeCadres, rotate, supportCommune } from './assignments.js';
import { erasePhone, promote, retire } from './cadres.js';
import type { DemoWorld } from './DemoWorld.js';

/**
 * The 2020–2025 term on the old provinces' boards: followers from January 2021 (Bắc Kạn from
 * September 2024, under 1390-QĐ/TU and its assignment decision), one commune each; in Bến Tre one
 * cadre per commune, set aside once with a reason. Then rotations (2023), a promotion and a
 * retirement with its replacement (2024).
 */
export async function firstTerm(world: DemoWorld): Promise<void> {
  for (const [province, communes] of world.oldCommunes) {
    const followed = communes.slice(0, world.scale.followedPerOldProvince ?? communes.length);
    const bacKan = province === '06';
    const decisionDate: IsoDate = bacKan ? '2024-08-29' : '2021-01-08';
    const from: IsoDate = bacKan ? '2024-09-01' : '2021-01-15';
    const decisionRef = bacKan ? 'demo QĐ phân công theo 1390-QĐ/TU' : `demo ${world.random.int(100, 999)}-QĐ/TU`;
    const pool = world.random.shuffle(freeCadres(world, [province], from));
    const term = '2020-2025' as const;
    for (const [i, unitCode] of followed.entries()) {
      const cadre = pool[i];
      if (cadre !== undefined) await assign(world, { board: province, cadre, unitCode, kind: 'follow', decisionRef, decisionDate, from, term });
    }
    const cellCadre = pool[followed.length];
    if (cellCadre !== undefined && followed[0] !== undefined) {
      await assign(world, { board: province, cadre: cellCadre, unitCode: followed[0], kind: 'cell-meetings', decisionRef, decisionDate, from, term });
    }
    const spare = communes[followed.length];
    if (province === '83' && pool[0] !== undefined && spare !== undefined) {
      // Bến Tre's one-to-one rule, set aside with a reason: the override the domain records.
      const overrideReason = 'Xã chưa có cán bộ theo dõi; phân công tạm thời đồng chí đang theo dõi xã lân cận';
      await assign(world, { board: province, cadre: pool[0], unitCode: spare, kind: 'follow', decisionRef, decisionDate: '2022-05-10', from: '2022-05-15', term, overrideReason });
    }
    if (followed[1] !== undefined) await supportCommune(world, province, followed[1]);
  }
  await rotations(world);
  await retirements(world);
}

/** March 2023: some followers move to a commune nobody followed; their old commune waits for a new follower until June. */
async function rotations(world: DemoWorld): Promise<void> {
  for (const [province, communes] of world.oldCommunes) {
    if (province === '83' || province === '06') continue;
    const followedNow = () => new Set(world.assignments.filter((a) => a.end === null && a.kind === 'follow').map((a) => a.unitCode));
    const unfollowed = communes.filter((code) => !followedNow().has(code));
    const movers = world.assignments.filter((a) => a.committeeUnitCode === province && a.kind === 'follow' && a.end === null).slice(1, 2);
    for (const [i, mover] of movers.entries()) {
      const target = unfollowed[i];
      if (target === undefined) continue;
      const left = mover.unitCode;
      await rotate(world, mover, target, '2023-03-01', '2020-2025');
      const successor = world.random.pick(freeCadres(world, [province], '2023-06-01'));
      await assign(world, { board: province, cadre: successor, unitCode: left, kind: 'follow', decisionRef: `demo ${world.random.int(100, 999)}-QĐ/TU`, decisionDate: '2023-05-25', from: '2023-06-01', term: '2020-2025' });
    }
  }
}

/** One follower per province (but Bắc Kạn, whose followers start later) retires on 1/5/2024 and is replaced. */
async function retirements(world: DemoWorld): Promise<void> {
  for (const province of world.oldCommunes.keys()) {
    const running = world.assignments.filter((a) => a.committeeUnitCode === province && a.kind === 'follow' && a.end === null && a.start < '2024-01-01');
    const leaving = running[running.length - 1];
    const cadre = world.cadres.find((c) => c.cadreId === leaving?.cadreId);
    if (leaving === undefined || cadre === undefined || running.some((a) => a !== leaving && a.cadreId === cadre.cadreId)) continue;
    await retire(world, cadre, '2024-05-01');
    await end(world, leaving, 'cadre-retired', '2024-05-01');
    const successor = world.random.pick(freeCadres(world, [province], '2024-05-15'));
    await assign(world, { board: province, cadre: successor, unitCode: leaving.unitCode, kind: 'follow', decisionRef: `demo ${world.random.int(100, 999)}-QĐ/TU`, decisionDate: '2024-05-10', from: '2024-05-15', term: '2020-2025' });
    if (cadre.hasPhone) await erasePhone(world, cadre, '2026-03-02');
    const deputy = world.cadres.find((c) => c.provinceCode === province && c.position === 'Trưởng phòng' && c.retiredOn === null);
    if (deputy !== undefined && province === '10') await promote(world, deputy);
  }
}
