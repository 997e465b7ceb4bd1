import type { IsoDate } from '#events/common.js';
import { assignAgencyToSupportUnit } from '../commands/board/assignAgencyToSupportUnit.js';
import { assignCadre } from '../commands/board/assignCadre.js';
import { endAssignment } from '../commands/board/endAssignment.js';
import { rotateCadre } from '../commands/board/rotateCadre.js';
import { addDays } from '../domain/time.js';
import { agencyByKey } from './agencies.js';
import { actors, envAt, type DemoAssignment, type DemoCadre, type DemoWorld } from './DemoWorld.js';

type Term = '2020-2025' | '2025-2030';

export interface NewAssignment {
  readonly board: string;
  readonly cadre: DemoCadre;
  readonly unitCode: string;
  readonly kind: 'follow' | 'cell-meetings';
  readonly decisionRef: string;
  readonly decisionDate: IsoDate;
  readonly from: IsoDate;
  readonly term: Term;
  readonly overrideReason?: string;
}

export async function assign(world: DemoWorld, a: NewAssignment): Promise<DemoAssignment> {
  const env = envAt(world, actors.organizer(a.board), a.decisionDate, 15);
  const { id } = await assignCadre(env, {
    committeeUnitCode: a.board, cadreId: a.cadre.cadreId, unitCode: a.unitCode, kind: a.kind, decisionRef: a.decisionRef,
    decisionDate: a.decisionDate, effectiveFrom: a.from, congressTerm: a.term, ...(a.overrideReason ? { overrideReason: a.overrideReason } : {}),
  });
  const assignment: DemoAssignment = { assignmentId: id, committeeUnitCode: a.board, cadreId: a.cadre.cadreId, unitCode: a.unitCode, kind: a.kind, start: a.from, end: null };
  world.assignments.push(assignment);
  world.tick();
  return assignment;
}

/** Ends an assignment from `on` (its last day is the day before). */
export async function end(world: DemoWorld, assignment: DemoAssignment, reason: 'term-ended' | 'cadre-retired' | 'replaced', on: IsoDate, decisionRef?: string): Promise<void> {
  const env = envAt(world, actors.organizer(assignment.committeeUnitCode), addDays(on, -3), 15);
  await endAssignment(env, assignment.assignmentId, { reason, effectiveDate: on, ...(decisionRef ? { decisionRef } : {}) });
  assignment.end = addDays(on, -1);
  world.tick();
}

/** Luân chuyển: the cadre leaves one commune for another on the same board, in one decision. */
export async function rotate(world: DemoWorld, from: DemoAssignment, unitCode: string, on: IsoDate, term: Term): Promise<DemoAssignment> {
  const decisionDate = addDays(on, -9);
  const env = envAt(world, actors.organizer(from.committeeUnitCode), decisionDate, 15);
  const { id } = await rotateCadre(env, {
    committeeUnitCode: from.committeeUnitCode, cadreId: from.cadreId, endedAssignmentId: from.assignmentId, unitCode, kind: from.kind,
    decisionRef: `demo ${world.random.int(100, 999)}-QĐ/TU`, decisionDate, effectiveDate: on, congressTerm: term,
    reason: 'Luân chuyển cán bộ theo yêu cầu nhiệm vụ, tăng cường cho xã còn nhiều khó khăn',
  });
  from.end = addDays(on, -1);
  const next: DemoAssignment = { assignmentId: id, committeeUnitCode: from.committeeUnitCode, cadreId: from.cadreId, unitCode, kind: from.kind, start: on, end: null };
  world.assignments.push(next);
  world.tick();
  return next;
}

/** Nông thôn mới: the agriculture department supports a commune as a body (an agency assignment). */
export async function supportCommune(world: DemoWorld, provinceCode: string, unitCode: string): Promise<void> {
  const agency = agencyByKey(world, provinceCode, 'agriculture');
  const env = envAt(world, actors.organizer(provinceCode), '2022-02-20', 15);
  await assignAgencyToSupportUnit(env, {
    committeeUnitCode: provinceCode, agencyId: agency.agencyId, unitCode, programme: 'Xây dựng nông thôn mới giai đoạn 2021–2025',
    decisionRef: `demo ${world.random.int(100, 999)}-QĐ/TU`, decisionDate: '2022-02-20', effectiveFrom: '2022-03-01',
  });
  world.tick();
}

/** Assignments running on `date` (not ended before it). */
export function runningOn(world: DemoWorld, date: IsoDate): DemoAssignment[] {
  return world.assignments.filter((a) => a.start <= date && (a.end === null || a.end >= date));
}

/** Cadres of a province (old code), in service on `date`, with no running follow assignment then. */
export function freeCadres(world: DemoWorld, provinceCodes: readonly string[], date: IsoDate): DemoCadre[] {
  const busy = new Set(runningOn(world, date).map((a) => a.cadreId));
  return world.cadres.filter((c) => provinceCodes.includes(c.provinceCode) && !busy.has(c.cadreId) && (c.retiredOn === null || c.retiredOn > date));
}
