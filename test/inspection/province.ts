import { randomUUID } from 'node:crypto';
import { encodeEvent, type DomainEvent } from '#events/registry.js';
import { fieldworkStream } from '#events/streams.js';
import { TokenStore } from '#src/auth/TokenStore.js';
import type { TokenRole } from '#src/auth/roles.js';
import { registerAgency } from '#src/commands/agency/registerAgency.js';
import { assignCadre } from '#src/commands/board/assignCadre.js';
import { registerCadre } from '#src/commands/cadre/registerCadre.js';
import type { CommandEnv } from '#src/commands/CommandEnv.js';
import { amendReport } from '#src/commands/fieldwork/amendReport.js';
import { confirmVisit } from '#src/commands/fieldwork/confirmVisit.js';
import { disputeVisit } from '#src/commands/fieldwork/disputeVisit.js';
import { fileReport } from '#src/commands/fieldwork/fileReport.js';
import { logVisit } from '#src/commands/fieldwork/logVisit.js';
import { issuePolicy } from '#src/commands/policy/issuePolicy.js';
import { establishUnit } from '#src/commands/unit/index.js';
import type { Actor } from '#src/domain/actor.js';
import { addDays, todayInVietnam, yearOf } from '#src/domain/time.js';
import type { TestApp } from '../helpers/testApp.js';

/** A token and the actor it stands for, as the command routes would record it (metadata.actor = token id). */
export interface Acting {
  token: string;
  actor: Actor;
}

/**
 * A small province through the command handlers: Lào Cai (10), one district, two communes; a
 * provincial agency and one cadre assigned by the provincial committee to follow commune 02641;
 * a policy giving reports a 10-day deadline. Dates are relative to today (visits cannot be future).
 */
export async function buildProvince(t: TestApp) {
  const tokens = new TokenStore(t.database);
  const acting = async (role: TokenRole, scope: Partial<Pick<Actor, 'cadreId' | 'unitCode' | 'provinceCode'>> = {}): Promise<Acting> => {
    const { id, token } = await tokens.create({ role, ...scope });
    return { token, actor: { userId: id, role, ...scope } };
  };
  const now = () => new Date();
  const env = (a: Acting): CommandEnv => ({
    store: t.store,
    actor: a.actor,
    now: now(),
    metadata: { actor: a.actor.userId, role: a.actor.role, correlationId: null, causationId: null, requestId: null },
  });
  const admin = await acting('admin');
  for (const unit of [
    { code: '10', name: 'Tỉnh Lào Cai', type: 'Tỉnh', level: 'province', parentCode: null },
    { code: '080', name: 'Thành phố Lào Cai', type: 'Thành phố thuộc tỉnh', level: 'district', parentCode: '10' },
    { code: '02641', name: 'Phường Duyên Hải', type: 'Phường', level: 'commune', parentCode: '080' },
    { code: '02644', name: 'Phường Lào Cai', type: 'Phường', level: 'commune', parentCode: '080' },
  ] as const) {
    await establishUnit({ store: t.store, now }, { ...unit, effectiveDate: '2024-01-01' }, admin.actor);
  }
  const agencyId = (await registerAgency(env(admin), { name: 'Sở Nội vụ', kind: 'state-department', unitCode: '10' })).id;
  const cadreId = (await registerCadre(env(admin), t.ledger.personalData, {
    fullName: 'Nguyễn Văn A', dateOfBirth: '1980-05-01', position: 'Phó Giám đốc', agencyId, level: 'province', expertise: [], inSuccessionPlan: false,
  })).id;
  await issuePolicy(env(admin), {
    reference: '19-QĐ/TU', title: 'Quy định cán bộ đi cơ sở', issuingUnitCode: '10', issuedOn: '2024-01-01', scopeUnitCodes: ['10'],
    terms: { appliesTo: { levels: ['province'], positions: [] }, rule: { kind: 'days-per-year', days: 36 }, reportDeadlineDays: 10, oneCadreOneCommune: false, oneFollowerPerCommune: false },
    effectiveFrom: '2024-01-01',
  });
  await assignCadre(env(admin), {
    committeeUnitCode: '10', cadreId, unitCode: '02641', kind: 'follow', decisionRef: '123-QĐ/TU', decisionDate: '2024-01-01', effectiveFrom: '2024-01-01', congressTerm: '2020-2025',
  });
  const cadre = await acting('cadre', { cadreId });
  const committee = await acting('unit-committee', { unitCode: '02641' });
  const otherCommittee = await acting('unit-committee', { unitCode: '02644' });
  const inspector = await acting('inspector', { provinceCode: '10' });
  const today = todayInVietnam(new Date().toISOString());
  const daysAgo = (n: number) => addDays(today, -n);

  /** A visit of the cadre from `from` to `to` days ago, and its report filed now. */
  const visitAndReport = async (unitCode: string, from: number, to: number, summary = 'Làm việc với Đảng ủy phường') => {
    const visitId = (await logVisit(env(cadre), {
      cadreId, unitCode, startDate: daysAgo(from), endDate: daysAgo(to), purposes: ['Nắm tình hình cơ sở'],
      activities: [{ kind: 'working-session', date: daysAgo(from) }],
    })).id;
    const reportId = (await fileReport(env(cadre), { visitId, summary, findings: [{ topic: 'living-conditions', text: 'Đời sống ổn định' }], recommendations: [] })).id;
    return { visitId, reportId };
  };

  /**
   * The same, transcribed from an earlier record by an import: the report claims to have been filed
   * `filedDaysAgo` days ago (the store still records it now).
   */
  const transcribedVisitAndReport = async (unitCode: string, from: number, to: number, filedDaysAgo: number, source = 'Sổ theo dõi đi cơ sở năm 2024 (bản giấy)') => {
    const past = (a: Acting, days: number): CommandEnv => ({ ...env(a), now: new Date(`${daysAgo(days)}T09:00:00+07:00`), transcription: { source } });
    const visitId = (await logVisit(past(cadre, to), {
      cadreId, unitCode, startDate: daysAgo(from), endDate: daysAgo(to), purposes: ['Nắm tình hình cơ sở'],
      activities: [{ kind: 'working-session', date: daysAgo(from) }],
    })).id;
    const reportId = (await fileReport(past(cadre, filedDaysAgo), { visitId, summary: 'Báo cáo chép lại từ sổ', findings: [], recommendations: [] })).id;
    return { visitId, reportId };
  };

  return {
    acting, cadreId, today, daysAgo, admin, cadre, committee, otherCommittee, inspector, visitAndReport, transcribedVisitAndReport,
    confirm: (visitId: string) => confirmVisit(env(committee), visitId, {}),
    dispute: (visitId: string, reason: string) => disputeVisit(env(committee), visitId, { reason }),
    amend: (reportId: string, reason: string, summary: string) => amendReport(env(cadre), reportId, { reason, summary }),
    /** Appends an event past the domain's rules, as a racing writer or an import could. */
    async appendRaw(streamId: string, event: DomainEvent, by: Acting = cadre) {
      const encoded = encodeEvent(event);
      await t.store.appendToStream(streamId, [{
        eventId: randomUUID(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
        metadata: { actor: by.actor.userId, role: by.actor.role, correlationId: null, causationId: null, requestId: null },
        occurredAt: new Date(),
      }]);
    },
    fieldworkStreamOf: (date: string) => fieldworkStream(cadreId, yearOf(date)),
  };
}

export type Province = Awaited<ReturnType<typeof buildProvince>>;
