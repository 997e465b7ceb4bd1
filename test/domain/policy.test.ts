import t from 'tap';
import type { QuotaPolicyIssued } from '#events/policies.js';
import type { PolicyEvent } from '#events/registry.js';
import {
  policyDecider, policyFactFor, reportDueDate, requiredDays, termsOn,
  type AmendQuotaPolicy, type IssueQuotaPolicy, type RepealQuotaPolicy,
} from '#src/domain/policy/index.js';
import { PROVINCE, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(policyDecider);
const POLICY = id(500);

/** Lào Cai 19-QĐ/TU as the brief describes it (unconfirmed, domain-notes §1). */
const issuedData: QuotaPolicyIssued = {
  policyId: POLICY,
  reference: '19-QĐ/TU',
  title: 'Quy định về chế độ đi cơ sở của cán bộ',
  issuingUnitCode: PROVINCE,
  issuedOn: '2014-03-20',
  scopeUnitCodes: [PROVINCE],
  terms: {
    appliesTo: { levels: ['province', 'district'], positions: [] },
    rule: { kind: 'days-per-year', days: 36 },
    reportDeadlineDays: 7,
    oneCadreOneCommune: true,
    oneFollowerPerCommune: true,
  },
  effectiveFrom: '2014-03-20',
};
const issued: PolicyEvent = { type: 'QuotaPolicyIssued', data: issuedData };
const issue = (data: Partial<QuotaPolicyIssued> = {}): IssueQuotaPolicy => ({ type: 'IssueQuotaPolicy', data: { ...issuedData, ...data }, metadata: meta() });
const amendData: AmendQuotaPolicy['data'] = {
  policyId: POLICY, amendmentRef: '25-QĐ/TU', effectiveFrom: '2020-01-01', changes: { rule: { kind: 'share-of-working-days', share: 0.3333 } },
};
const amend = (data: Partial<AmendQuotaPolicy['data']> = {}): AmendQuotaPolicy => ({ type: 'AmendQuotaPolicy', data: { ...amendData, ...data }, metadata: meta() });
const repealData: RepealQuotaPolicy['data'] = { policyId: POLICY, repealRef: '99-QĐ/TU', effectiveDate: '2025-07-01' };
const repeal = (data: Partial<RepealQuotaPolicy['data']> = {}): RepealQuotaPolicy => ({ type: 'RepealQuotaPolicy', data: { ...repealData, ...data }, metadata: meta() });
const repealed: PolicyEvent = { type: 'QuotaPolicyRepealed', data: repealData };

t.test('IssueQuotaPolicy', async (t) => {
  const context = { issuingUnit: unitFact(PROVINCE, '2014-03-20') };
  t.test('records the policy', async () => {
    given([]).when(issue(), context).then([issued]);
  });
  t.test('once', async () => {
    given([issued]).when(issue(), context).thenThrows('POLICY_ALREADY_ISSUED', 'policyId');
  });
  t.test('not issued in the future, though it may take effect later', async () => {
    given([]).when(issue({ issuedOn: '2025-03-02' }), { issuingUnit: unitFact(PROVINCE, '2025-03-02') }).thenThrows('DATE_IN_FUTURE', 'issuedOn');
    given([]).when(issue({ effectiveFrom: '2026-01-01' }), context).then([{ type: 'QuotaPolicyIssued', data: { ...issuedData, effectiveFrom: '2026-01-01' } }]);
  });
  t.test('its period must not end before it starts', async () => {
    given([]).when(issue({ effectiveUntil: '2014-03-19' }), context).thenThrows('DATE_RANGE_INVALID', 'effectiveUntil');
  });
  t.test('the issuing unit must be active when it issues', async () => {
    given([]).when(issue(), { issuingUnit: null }).thenThrows('UNIT_NOT_FOUND', 'issuingUnitCode');
  });
});

t.test('AmendQuotaPolicy', async (t) => {
  t.test('amends terms from a date', async () => {
    given([issued]).when(amend(), {}).then([{ type: 'QuotaPolicyAmended', data: amendData }]);
  });
  t.test('an amendment must change something', async () => {
    given([issued]).when(amend({ changes: {} }), {}).thenThrows('AMENDMENT_EMPTY', 'changes');
  });
  t.test('not before the policy takes effect, not once repealed, not an unknown policy', async () => {
    given([issued]).when(amend({ effectiveFrom: '2014-01-01' }), {}).thenThrows('DATE_RANGE_INVALID', 'effectiveFrom');
    given([issued, repealed]).when(amend(), {}).thenThrows('POLICY_REPEALED', 'policyId');
    given([]).when(amend(), {}).thenThrows('POLICY_NOT_FOUND', 'policyId');
  });
});

t.test('RepealQuotaPolicy', async (t) => {
  t.test('repeals once', async () => {
    given([issued]).when(repeal(), {}).then([repealed]);
    given([issued, repealed]).when(repeal(), {}).thenThrows('POLICY_REPEALED', 'policyId');
    given([issued]).when(repeal({ effectiveDate: '2000-01-01' }), {}).thenThrows('DATE_RANGE_INVALID', 'effectiveDate');
  });
});

t.test('queries', async (t) => {
  const state = [issued, { type: 'QuotaPolicyAmended', data: amendData } as PolicyEvent, repealed]
    .reduce(policyDecider.evolve, policyDecider.initialState());
  t.equal(termsOn(state, '2014-03-19'), null, 'not yet in force');
  t.same(termsOn(state, '2019-12-31')?.rule, { kind: 'days-per-year', days: 36 });
  t.same(termsOn(state, '2020-01-01')?.rule, { kind: 'share-of-working-days', share: 0.3333 });
  t.equal(termsOn(state, '2020-01-01')?.oneCadreOneCommune, true, 'an amendment keeps the terms it does not change');
  t.equal(termsOn(state, '2025-07-01'), null, 'repealed');

  const cadre = { level: 'province', position: 'Giám đốc Sở' } as const;
  const scope = [PROVINCE];
  t.same(policyFactFor([state], { committeeScope: scope, date: '2016-01-01', cadre }), {
    policyId: POLICY, reference: '19-QĐ/TU', asOf: '2016-01-01', oneCadreOneCommune: true, oneFollowerPerCommune: true,
  });
  t.equal(policyFactFor([state], { committeeScope: ['15'], date: '2016-01-01', cadre }), null, 'another province');
  t.equal(policyFactFor([state], { committeeScope: scope, date: '2016-01-01', cadre: { ...cadre, level: 'commune' } }), null, 'another level');
  t.equal(policyFactFor([state], { committeeScope: scope, date: '2025-08-01', cadre }), null, 'repealed');

  t.equal(reportDueDate(issuedData.terms, '2025-02-25'), '2025-03-04');
  t.equal(requiredDays({ kind: 'days-per-year', days: 36 }, 250), 36);
  t.equal(requiredDays({ kind: 'share-of-working-days', share: 1 / 3 }, 250), 84);
});
