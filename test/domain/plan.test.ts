import t from 'tap';
import type { PlanDrafted } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { planDecider, planFact, type DraftPlan } from '#src/domain/plan/index.js';
import { COMMUNE, cadreFact, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(planDecider);
const PLAN = id(700);
const AGENCY = id(900);
const CADRE = id(1);
const MONTH_START = '2025-04-01';

const draftData: PlanDrafted = {
  planId: PLAN, agencyId: AGENCY, month: '2025-04',
  entries: [{ cadreId: CADRE, unitCode: COMMUNE, startDate: '2025-04-10', endDate: '2025-04-11', purpose: 'Nắm tình hình thu hoạch vụ xuân' }],
};
const drafted: PlanEvent = { type: 'PlanDrafted', data: draftData };
const submitted: PlanEvent = { type: 'PlanSubmitted', data: { planId: PLAN } };
const rejected: PlanEvent = { type: 'PlanRejected', data: { planId: PLAN, reason: 'Thiếu lịch dự sinh hoạt chi bộ' } };
const approved: PlanEvent = { type: 'PlanApproved', data: { planId: PLAN } };

const draft = (data: Partial<PlanDrafted> = {}): DraftPlan => ({ type: 'DraftPlan', data: { ...draftData, ...data }, metadata: meta() });
const draftContext = { cadres: [cadreFact(CADRE, MONTH_START, { agencyId: AGENCY })], units: [unitFact(COMMUNE, MONTH_START)] };
const entry = (overrides: Partial<PlanDrafted['entries'][number]>) => [{ ...draftData.entries[0]!, ...overrides }];
const submit = { type: 'SubmitPlan', data: { planId: PLAN }, metadata: meta() } as const;
const approve = { type: 'ApprovePlan', data: { planId: PLAN }, metadata: meta() } as const;
const reject = { type: 'RejectPlan', data: { planId: PLAN, reason: 'Thiếu lịch dự sinh hoạt chi bộ' }, metadata: meta() } as const;

t.test('DraftPlan', async (t) => {
  t.test('drafts entries of the agency\'s cadres within the month', async () => {
    given([]).when(draft(), draftContext).then([drafted]);
  });
  t.test('redrafts a draft or a rejected plan, not a submitted or approved one', async () => {
    given([drafted]).when(draft(), draftContext).then([drafted]);
    given([drafted, submitted, rejected]).when(draft(), draftContext).then([drafted]);
    given([drafted, submitted]).when(draft(), draftContext).thenThrows('PLAN_NOT_EDITABLE', 'planId');
    given([drafted, submitted, approved]).when(draft(), draftContext).thenThrows('PLAN_NOT_EDITABLE', 'planId');
    given([drafted]).when(draft({ planId: id(701) }), draftContext).thenThrows('PLAN_NOT_FOUND', 'planId');
  });
  t.test('entries end after they start, inside the month', async () => {
    given([]).when(draft({ entries: entry({ endDate: '2025-04-09' }) }), draftContext).thenThrows('DATE_RANGE_INVALID', 'entries.0.endDate');
    given([]).when(draft({ entries: entry({ startDate: '2025-03-31' }) }), draftContext).thenThrows('PLAN_ENTRY_OUTSIDE_MONTH', 'entries.0.startDate');
    given([]).when(draft({ entries: entry({ endDate: '2025-05-01' }) }), draftContext).thenThrows('PLAN_ENTRY_OUTSIDE_MONTH', 'entries.0.endDate');
  });
  t.test('entries name active cadres of this agency and active units', async () => {
    given([]).when(draft(), { ...draftContext, cadres: [] }).thenThrows('CADRE_NOT_FOUND', 'entries.0.cadreId');
    given([]).when(draft(), { ...draftContext, cadres: [cadreFact(CADRE, MONTH_START, { agencyId: AGENCY, active: false })] }).thenThrows('CADRE_NOT_ACTIVE', 'entries.0.cadreId');
    given([]).when(draft(), { ...draftContext, cadres: [cadreFact(CADRE, MONTH_START, { agencyId: id(901) })] }).thenThrows('CADRE_NOT_IN_AGENCY', 'entries.0.cadreId');
    given([]).when(draft(), { ...draftContext, units: [unitFact(COMMUNE, MONTH_START, { active: false })] }).thenThrows('UNIT_NOT_ACTIVE', 'entries.0.unitCode');
  });
});

t.test('SubmitPlan', async (t) => {
  t.test('submits a draft, and resubmits after a rejection', async () => {
    given([drafted]).when(submit, {}).then([submitted]);
    given([drafted, submitted, rejected]).when(submit, {}).then([submitted]);
  });
  t.test('not twice, not an approved plan, not a plan never drafted', async () => {
    given([drafted, submitted]).when(submit, {}).thenThrows('PLAN_ALREADY_SUBMITTED', 'planId');
    given([drafted, submitted, approved]).when(submit, {}).thenThrows('PLAN_ALREADY_SUBMITTED', 'planId');
    given([]).when(submit, {}).thenThrows('PLAN_NOT_FOUND', 'planId');
  });
});

t.test('ApprovePlan and RejectPlan', async (t) => {
  t.test('decide on a submitted plan', async () => {
    given([drafted, submitted]).when(approve, {}).then([approved]);
    given([drafted, submitted]).when(reject, {}).then([rejected]);
  });
  t.test('only on a submitted plan', async () => {
    given([drafted]).when(approve, {}).thenThrows('PLAN_NOT_SUBMITTED', 'planId');
    given([drafted, submitted, approved]).when(approve, {}).thenThrows('PLAN_NOT_SUBMITTED', 'planId');
    given([drafted, submitted, rejected]).when(reject, {}).thenThrows('PLAN_NOT_SUBMITTED', 'planId');
    given([]).when(reject, {}).thenThrows('PLAN_NOT_FOUND', 'planId');
  });
});

t.test('planFact', async (t) => {
  const state = [drafted, submitted, approved].reduce(planDecider.evolve, planDecider.initialState());
  t.same(planFact(state), { planId: PLAN, status: 'approved', entries: [{ cadreId: CADRE, unitCode: COMMUNE }] });
  t.equal(planFact(planDecider.initialState()), null);
});
