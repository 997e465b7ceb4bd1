import t from 'tap';
import type { RecommendationEvent } from '#events/registry.js';
import type { ReportFact } from '#src/domain/facts.js';
import { isOverdue, recommendationDecider, type ForwardRecommendation } from '#src/domain/recommendation/index.js';
import { COMMUNE, agencyActor, agencyFact, id, meta } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(recommendationDecider);
const REC = id(401);
const [AGENCY, OTHER_AGENCY] = [id(900), id(901)];
const report: ReportFact = {
  reportId: id(301), visitId: id(201), cadreId: id(1), unitCode: COMMUNE,
  recommendations: [{ recommendationId: REC, text: 'Đề nghị hỗ trợ giống ngô cho 3 thôn' }],
};

const raised: RecommendationEvent = {
  type: 'RecommendationRaised',
  data: { recommendationId: REC, reportId: id(301), visitId: id(201), cadreId: id(1), unitCode: COMMUNE, text: 'Đề nghị hỗ trợ giống ngô cho 3 thôn' },
};
const forwardData: ForwardRecommendation['data'] = { recommendationId: REC, agencyId: AGENCY, dueDate: '2025-03-31' };
const forwarded: RecommendationEvent = { type: 'RecommendationForwarded', data: forwardData };
const answered: RecommendationEvent = { type: 'RecommendationAnswered', data: { recommendationId: REC, agencyId: AGENCY, answer: 'Sở đã bố trí 2 tấn giống' } };
const closed: RecommendationEvent = { type: 'RecommendationClosed', data: { recommendationId: REC, outcome: 'resolved' } };
const reopened: RecommendationEvent = { type: 'RecommendationReopened', data: { recommendationId: REC, reason: 'Giống chưa về đến thôn' } };

const raise = { type: 'RaiseRecommendation', data: { recommendationId: REC, reportId: id(301) }, metadata: meta() } as const;
const forward = (data: Partial<ForwardRecommendation['data']> = {}): ForwardRecommendation => ({
  type: 'ForwardRecommendation', data: { ...forwardData, ...data }, metadata: meta(),
});
const answer = { type: 'AnswerRecommendation', data: { recommendationId: REC, answer: 'Sở đã bố trí 2 tấn giống' }, metadata: meta(agencyActor(AGENCY)) } as const;
const close = { type: 'CloseRecommendation', data: { recommendationId: REC, outcome: 'resolved' }, metadata: meta() } as const;
const reopen = { type: 'ReopenRecommendation', data: { recommendationId: REC, reason: 'Giống chưa về đến thôn' }, metadata: meta() } as const;

t.test('RaiseRecommendation', async (t) => {
  t.test('raises a recommendation a filed report lists', async () => {
    given([]).when(raise, { report }).then([raised]);
  });
  t.test('once, from an existing report that lists it', async () => {
    given([raised]).when(raise, { report }).thenThrows('RECOMMENDATION_ALREADY_RAISED', 'recommendationId');
    given([]).when(raise, { report: null }).thenThrows('REPORT_NOT_FOUND', 'reportId');
    given([]).when(raise, { report: { ...report, recommendations: [] } }).thenThrows('RECOMMENDATION_NOT_IN_REPORT', 'recommendationId');
  });
});

t.test('ForwardRecommendation', async (t) => {
  t.test('forwards to an agency with a due date', async () => {
    given([raised]).when(forward(), { agency: agencyFact(AGENCY) }).then([forwarded]);
  });
  t.test('may forward again elsewhere, until closed', async () => {
    given([raised, forwarded, answered]).when(forward({ agencyId: OTHER_AGENCY }), { agency: agencyFact(OTHER_AGENCY) })
      .then([{ type: 'RecommendationForwarded', data: { ...forwardData, agencyId: OTHER_AGENCY } }]);
    given([raised, forwarded, closed]).when(forward(), { agency: agencyFact(AGENCY) }).thenThrows('RECOMMENDATION_CLOSED', 'recommendationId');
  });
  t.test('to an existing agency, due today or later, of a raised recommendation', async () => {
    given([raised]).when(forward(), { agency: null }).thenThrows('AGENCY_NOT_FOUND', 'agencyId');
    given([raised]).when(forward({ dueDate: '2025-02-28' }), { agency: agencyFact(AGENCY) }).thenThrows('DUE_DATE_IN_PAST', 'dueDate');
    given([]).when(forward(), { agency: agencyFact(AGENCY) }).thenThrows('RECOMMENDATION_NOT_FOUND', 'recommendationId');
  });
});

t.test('AnswerRecommendation', async (t) => {
  t.test('the agency forwarded to answers', async () => {
    given([raised, forwarded]).when(answer, {}).then([answered]);
  });
  t.test('not before it is forwarded', async () => {
    given([raised]).when(answer, {}).thenThrows('RECOMMENDATION_NOT_FORWARDED', 'recommendationId');
  });
  t.test('only that agency', async () => {
    given([raised, forwarded]).when({ ...answer, metadata: meta(agencyActor(OTHER_AGENCY)) }, {}).thenThrows('NOT_FORWARDED_AGENCY', 'recommendationId');
    given([raised, forwarded]).when({ ...answer, metadata: meta() }, {}).thenThrows('NOT_FORWARDED_AGENCY', 'recommendationId');
  });
  t.test('once, and not once closed', async () => {
    given([raised, forwarded, answered]).when(answer, {}).thenThrows('RECOMMENDATION_ALREADY_ANSWERED', 'recommendationId');
    given([raised, forwarded, closed]).when(answer, {}).thenThrows('RECOMMENDATION_CLOSED', 'recommendationId');
  });
  t.test('after a reopening, the same agency answers again', async () => {
    given([raised, forwarded, answered, closed, reopened]).when(answer, {}).then([answered]);
  });
});

t.test('CloseRecommendation and ReopenRecommendation', async (t) => {
  t.test('closes once', async () => {
    given([raised, forwarded, answered]).when(close, {}).then([closed]);
    given([raised]).when(close, {}).then([closed]);
    given([raised, closed]).when(close, {}).thenThrows('RECOMMENDATION_ALREADY_CLOSED', 'recommendationId');
    given([]).when(close, {}).thenThrows('RECOMMENDATION_NOT_FOUND', 'recommendationId');
  });
  t.test('reopens only a closed one', async () => {
    given([raised, closed]).when(reopen, {}).then([reopened]);
    given([raised, forwarded]).when(reopen, {}).thenThrows('RECOMMENDATION_NOT_CLOSED', 'recommendationId');
    given([raised, closed, reopened]).when(reopen, {}).thenThrows('RECOMMENDATION_NOT_CLOSED', 'recommendationId');
  });
  t.test('a reopened recommendation that was never forwarded is forwarded, not answered', async () => {
    given([raised, closed, reopened]).when(answer, {}).thenThrows('RECOMMENDATION_NOT_FORWARDED', 'recommendationId');
  });
});

t.test('isOverdue', async (t) => {
  const fold = (events: RecommendationEvent[]) => events.reduce(recommendationDecider.evolve, recommendationDecider.initialState());
  t.notOk(isOverdue(fold([raised, forwarded]), '2025-03-31'));
  t.ok(isOverdue(fold([raised, forwarded]), '2025-04-01'));
  t.notOk(isOverdue(fold([raised, forwarded, answered]), '2025-04-01'));
});
