import t from 'tap';
import { tokenRoles, type TokenRole } from '../../src/auth/roles.js';
import { commandRouteTemplates, created, openKit } from '../http/commandKit.js';
import { assignmentBody, policyBody, seedWorld } from '../http/world.js';

/**
 * Every command route × every role. A role the route does not admit gets 403 FORBIDDEN and writes
 * nothing; an admitted role (with a token scoped to the data) is never refused. Then the scope and
 * identity refusals: a token of the right role acting outside what it speaks for.
 */
t.test('role matrix', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const w = await seedWorld(kit);
  const { admin, cadre } = w.tokens;

  // Entities the id routes act on.
  const assignment = created(await kit.post('/v1/assignments', admin, assignmentBody(w.c1, '00001'))).id;
  const plan = created(await kit.post('/v1/plans', admin, {
    agencyId: w.agencyA, month: '2025-02', entries: [{ cadreId: w.c1, unitCode: '00001', startDate: '2025-02-10', endDate: '2025-02-11', purpose: 'Nắm tình hình' }],
  })).id;
  const visitBody = (cadreId: string, startDate: string) => ({
    cadreId, unitCode: '00001', startDate, endDate: startDate, purposes: ['Nắm tình hình'], activities: [{ kind: 'field-work', date: startDate }],
  });
  const visit = created(await kit.post('/v1/visits', cadre, visitBody(w.c1, '2025-01-10'))).id;
  const visit2 = created(await kit.post('/v1/visits', cadre, visitBody(w.c1, '2025-01-12'))).id;
  const report = created(await kit.post('/v1/reports', cadre, { visitId: visit, summary: 'Ổn định', findings: [], recommendations: [{ text: 'Làm đường' }] })).id;
  const recommendation = ((await kit.events()).find((e) => e.type === 'RecommendationRaised')?.data as { recommendationId: string }).recommendationId;
  created(await kit.post(`/v1/recommendations/${recommendation}/forward`, admin, { agencyId: w.agencyB, dueDate: '2025-04-30' }));
  const agencyC = created(await kit.post('/v1/agencies', admin, { name: 'Ban Dân vận Thành ủy', kind: 'party-board', unitCode: '01' })).id;
  const evaluation = created(await kit.post('/v1/evaluations', w.tokens['unit-committee'], {
    committeeUnitCode: '00001', cadreId: w.c1, year: 2024, rating: 'good', comments: 'Tốt',
  })).id;

  const routes: { url: string; body: unknown; roles: TokenRole[] }[] = [
    { url: '/v1/units', body: { code: '00020', name: 'Xã Mới', type: 'Xã', level: 'commune', parentCode: '001', effectiveDate: '2024-01-01' }, roles: ['admin'] },
    { url: '/v1/units/00004/rename', body: { name: 'Phường Trúc Bạch Mới', effectiveDate: '2024-01-01' }, roles: ['admin'] },
    { url: '/v1/units/00013/reparent', body: { parentCode: '003', effectiveDate: '2024-01-01' }, roles: ['admin'] },
    { url: '/v1/units/merge', body: { fromCodes: ['00010'], intoCode: '00011', mergeType: 'full', effectiveDate: '2025-01-01', decisionRef: '1/NQ' }, roles: ['admin'] },
    { url: '/v1/units/00012/dissolve', body: { reason: 'abolished', successorCodes: [], effectiveDate: '2025-01-01', decisionRef: '1/NQ' }, roles: ['admin'] },
    { url: '/v1/agencies', body: { name: 'Ban Dân vận', kind: 'party-board', unitCode: '01' }, roles: ['admin', 'organizer'] },
    { url: `/v1/agencies/${w.agencyA}/rename`, body: { name: 'Ban Tổ chức', effectiveDate: '2025-01-01' }, roles: ['admin', 'organizer'] },
    {
      url: '/v1/cadres',
      body: { fullName: 'Phạm Văn D', dateOfBirth: '1990-01-01', position: 'Chuyên viên', agencyId: w.agencyA, level: 'province', expertise: [], inSuccessionPlan: false },
      roles: ['admin', 'organizer'],
    },
    { url: `/v1/cadres/${w.c2}/position`, body: { position: 'Phó ban', inSuccessionPlan: true, effectiveDate: '2024-06-01' }, roles: ['admin', 'organizer'] },
    { url: `/v1/cadres/${w.c2}/retire`, body: { effectiveDate: '2025-03-01' }, roles: ['admin', 'organizer'] },
    { url: `/v1/cadres/${w.c2}/transfer`, body: { toAgencyId: agencyC, position: 'Chuyên viên', level: 'province', effectiveDate: '2025-01-01', decisionRef: '2-QĐ' }, roles: ['admin', 'organizer'] },
    { url: `/v1/cadres/${w.c2}/erase-personal-data`, body: { fields: ['phone'], reason: 'Yêu cầu' }, roles: ['admin'] },
    { url: '/v1/policies', body: policyBody('01'), roles: ['admin', 'organizer'] },
    { url: `/v1/policies/${w.policy01}/amend`, body: { amendmentRef: '2-QĐ', effectiveFrom: '2024-01-01', changes: { reportDeadlineDays: 5 } }, roles: ['admin', 'organizer'] },
    { url: `/v1/policies/${w.policy01}/repeal`, body: { repealRef: '3-QĐ', effectiveDate: '2026-01-01' }, roles: ['admin', 'organizer'] },
    { url: '/v1/assignments', body: assignmentBody(w.c2, '00004'), roles: ['admin', 'organizer'] },
    {
      url: '/v1/assignments/agency-support',
      body: { committeeUnitCode: '01', agencyId: w.agencyA, unitCode: '00004', programme: 'NTM', decisionRef: '1-QĐ', decisionDate: '2024-01-01', effectiveFrom: '2024-01-01' },
      roles: ['admin', 'organizer'],
    },
    { url: `/v1/assignments/${assignment}/end`, body: { reason: 'other', effectiveDate: '2026-01-01' }, roles: ['admin', 'organizer'] },
    {
      url: '/v1/rotations',
      body: {
        committeeUnitCode: '01', cadreId: w.c1, endedAssignmentId: assignment, unitCode: '00004', kind: 'follow', decisionRef: '5-QĐ',
        decisionDate: '2024-12-01', effectiveDate: '2025-01-01', congressTerm: '2020-2025', reason: 'Luân chuyển',
      },
      roles: ['admin', 'organizer'],
    },
    {
      url: '/v1/plans',
      body: { agencyId: w.agencyA, month: '2025-04', entries: [{ cadreId: w.c1, unitCode: '00001', startDate: '2025-04-01', endDate: '2025-04-02', purpose: 'Họp' }] },
      roles: ['admin', 'organizer'],
    },
    { url: `/v1/plans/${plan}/submit`, body: {}, roles: ['admin', 'organizer'] },
    { url: `/v1/plans/${plan}/approve`, body: {}, roles: ['admin', 'organizer'] },
    { url: `/v1/plans/${plan}/reject`, body: { reason: 'Chưa hợp lý' }, roles: ['admin', 'organizer'] },
    { url: '/v1/visits', body: visitBody(w.c1, '2025-01-20'), roles: ['cadre'] },
    { url: `/v1/visits/${visit}/confirm`, body: {}, roles: ['unit-committee'] },
    { url: `/v1/visits/${visit2}/dispute`, body: { reason: 'Vắng mặt' }, roles: ['unit-committee'] },
    { url: `/v1/visits/${visit2}/resolve-dispute`, body: { reason: 'Đã xác minh' }, roles: ['unit-committee'] },
    { url: `/v1/visits/${visit2}/cancel`, body: { reason: 'Nhầm' }, roles: ['cadre'] },
    { url: '/v1/reports', body: { visitId: visit2, summary: 'Ổn', findings: [], recommendations: [] }, roles: ['cadre'] },
    { url: `/v1/reports/${report}/amend`, body: { reason: 'Sửa', summary: 'Ổn định hơn' }, roles: ['cadre'] },
    { url: `/v1/recommendations/${recommendation}/forward`, body: { agencyId: w.agencyB, dueDate: '2025-05-30' }, roles: ['admin', 'organizer', 'cadre'] },
    { url: `/v1/recommendations/${recommendation}/answer`, body: { answer: 'Đã xử lý' }, roles: ['agency'] },
    { url: `/v1/recommendations/${recommendation}/close`, body: { outcome: 'resolved' }, roles: ['admin', 'organizer', 'cadre'] },
    { url: `/v1/recommendations/${recommendation}/reopen`, body: { reason: 'Chưa xong' }, roles: ['admin', 'organizer', 'cadre'] },
    { url: '/v1/evaluations', body: { committeeUnitCode: '00001', cadreId: w.c1, year: 2025, rating: 'good', comments: 'Tốt' }, roles: ['unit-committee'] },
    { url: `/v1/evaluations/${evaluation}/amend`, body: { reason: 'Sửa', comments: 'Rất tốt' }, roles: ['unit-committee'] },
    { url: '/v1/unit-ratings', body: { committeeUnitCode: '00001', unitCode: '00001001', year: 2024, rating: 'good' }, roles: ['unit-committee'] },
  ];
  // Every command route of the app is in the table.
  const templates = await commandRouteTemplates(kit);
  const covered = (template: string) => routes.some((route) => new RegExp(`^${template.replace(/\{[a-z]+\}/g, '[^/]+')}$`).test(route.url));
  t.same(templates.filter((template) => !covered(template)), [], `all ${templates.length} command routes are in the matrix`);

  for (const route of routes) {
    for (const role of tokenRoles.filter((r) => !route.roles.includes(r))) {
      const before = await kit.count();
      const res = await kit.post(route.url, w.tokens[role], route.body);
      t.same([res.statusCode, res.json().code], [403, 'FORBIDDEN'], `${role} refused on ${route.url}`);
      t.equal(await kit.count(), before, 'and nothing written');
    }
    for (const role of route.roles) {
      const res = await kit.post(route.url, w.tokens[role], route.body);
      t.not(res.statusCode, 403, `${role} admitted on ${route.url} (${res.statusCode} ${res.statusCode === 201 ? '' : res.body})`);
      t.not(res.statusCode, 401);
    }
  }

  t.test('scope and identity refusals', async (t) => {
    const refused = async (url: string, token: string, body: unknown, code: string) => {
      const before = await kit.count();
      const res = await kit.post(url, token, body);
      t.same([res.statusCode, res.json().code], [403, code], `${url} → ${code}`);
      t.equal(await kit.count(), before);
    };
    const { organizer02, cadre2, committee00004, agencyA } = w.tokens;
    await refused('/v1/agencies', organizer02, { name: 'Ban X', kind: 'party-board', unitCode: '00001' }, 'FORBIDDEN');
    await refused('/v1/assignments', organizer02, assignmentBody(w.c2, '00001'), 'FORBIDDEN');
    await refused(`/v1/cadres/${w.c1}/transfer`, w.tokens.organizer, {
      toAgencyId: w.agencyB, position: 'Chuyên viên', level: 'province', effectiveDate: '2025-01-01', decisionRef: '3-QĐ',
    }, 'FORBIDDEN');
    await refused('/v1/visits', cadre, visitBody(w.c2, '2025-02-01'), 'FORBIDDEN');
    const own = created(await kit.post('/v1/visits', cadre, visitBody(w.c1, '2025-02-20'))).id;
    await refused(`/v1/visits/${own}/cancel`, cadre2, { reason: 'x' }, 'NOT_OWN_VISIT');
    await refused('/v1/reports', cadre2, { visitId: own, summary: 'x', findings: [], recommendations: [] }, 'NOT_OWN_VISIT');
    await refused(`/v1/visits/${own}/confirm`, committee00004, {}, 'NOT_UNIT_COMMITTEE');
    await refused('/v1/evaluations', w.tokens['unit-committee'], { committeeUnitCode: '00001', cadreId: w.c2, year: 2024, rating: 'good', comments: 'x' }, 'NOT_FOLLOWER_THAT_YEAR');
    await refused('/v1/evaluations', w.tokens['unit-committee'], { committeeUnitCode: '00004', cadreId: w.c1, year: 2024, rating: 'good', comments: 'x' }, 'FORBIDDEN');
    await refused(`/v1/recommendations/${recommendation}/reopen`, cadre2, { reason: 'x' }, 'FORBIDDEN');
    await refused(`/v1/recommendations/${recommendation}/reopen`, organizer02, { reason: 'x' }, 'FORBIDDEN');
    created(await kit.post(`/v1/recommendations/${recommendation}/forward`, admin, { agencyId: w.agencyB, dueDate: '2025-06-30' }));
    await refused(`/v1/recommendations/${recommendation}/answer`, agencyA, { answer: 'x' }, 'NOT_FORWARDED_AGENCY');
  });

  t.test('no token, an unknown token: 401 before the body is read', async (t) => {
    for (const token of [null, 'dbn_nope', `dbn_${'A'.repeat(43)}`]) {
      const res = await kit.post('/v1/agencies', token, '{not json', { 'content-type': 'application/json' });
      t.same([res.statusCode, res.json().code], [401, 'UNAUTHENTICATED']);
    }
  });
});
