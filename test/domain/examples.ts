import type { EventData, EventType } from '#events/registry.js';
import { id } from './fixtures.js';

const hash = (c: string) => ({ commitment: c.repeat(64) });

/** One valid data object for every event type; the mapped type makes a missing type a compile error. */
export const examples: { [K in EventType]: EventData<K> } = {
  UnitEstablished: { code: '02641', name: 'Xã Bát Xát', type: 'Xã', level: 'commune', parentCode: '082', effectiveDate: '2008-01-01' },
  UnitRenamed: { code: '02641', name: 'Thị trấn Bát Xát', type: 'Thị trấn', effectiveDate: '2010-01-01', decisionRef: '12/NQ-CP' },
  UnitReparented: { code: '02641', parentCode: '15', previousParentCode: '082', effectiveDate: '2025-07-01' },
  UnitsMerged: { fromCodes: ['02641', '02644'], intoCode: '02641', mergeType: 'full', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
  UnitDissolved: { code: '02644', reason: 'merged', successorCodes: ['02641'], effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
  AgencyRegistered: { agencyId: id(900), name: 'Ban Tổ chức Tỉnh ủy', kind: 'party-board', unitCode: '15' },
  AgencyRenamed: { agencyId: id(900), name: 'Ban Tổ chức Tỉnh ủy Lào Cai', effectiveDate: '2025-07-01' },
  CadreRegistered: {
    cadreId: id(1), fullName: hash('a'), dateOfBirth: hash('b'), phone: hash('c'), position: 'Phó Trưởng ban', agencyId: id(900),
    level: 'province', expertise: ['xây dựng Đảng'], inSuccessionPlan: false,
  },
  CadreTransferred: { cadreId: id(1), fromAgencyId: id(900), toAgencyId: id(901), position: 'Giám đốc', level: 'province', effectiveDate: '2024-01-01', decisionRef: '5-QĐ/TU' },
  CadrePositionChanged: { cadreId: id(1), position: 'Trưởng ban', inSuccessionPlan: true, effectiveDate: '2024-01-01' },
  CadreRetired: { cadreId: id(1), effectiveDate: '2030-01-01' },
  CadrePersonalDataErased: { cadreId: id(1), fields: ['phone'], reason: 'yêu cầu của cán bộ' },
  QuotaPolicyIssued: {
    policyId: id(500), reference: '19-QĐ/TU', title: 'Quy định đi cơ sở', issuingUnitCode: '10', issuedOn: '2014-03-20', scopeUnitCodes: ['10'],
    terms: {
      appliesTo: { levels: ['province'], positions: [] }, rule: { kind: 'days-per-year', days: 36 }, reportDeadlineDays: 7,
      oneCadreOneCommune: false, oneFollowerPerCommune: false,
    },
    effectiveFrom: '2014-03-20',
  },
  QuotaPolicyAmended: { policyId: id(500), amendmentRef: '20-QĐ/TU', effectiveFrom: '2016-01-01', changes: { reportDeadlineDays: 5 } },
  QuotaPolicyRepealed: { policyId: id(500), repealRef: '30-QĐ/TU', effectiveDate: '2025-07-01' },
  CadreAssigned: {
    assignmentId: id(101), committeeUnitCode: '10', cadreId: id(1), unitCode: '02641', kind: 'follow', decisionRef: '718-QĐ/TU',
    decisionDate: '2020-12-15', effectiveFrom: '2021-01-01', congressTerm: '2020-2025',
  },
  AgencyAssignedToSupportUnit: {
    assignmentId: id(102), committeeUnitCode: '10', agencyId: id(900), unitCode: '02641', programme: 'nông thôn mới',
    decisionRef: '45-QĐ/UBND', decisionDate: '2021-02-01', effectiveFrom: '2021-03-01',
  },
  AssignmentEnded: { assignmentId: id(101), reason: 'unit-merged', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
  CadreRotated: {
    committeeUnitCode: '10', cadreId: id(1), endedAssignmentId: id(101), assignmentId: id(103), unitCode: '02644', kind: 'follow',
    decisionRef: '120-QĐ/TU', decisionDate: '2023-05-20', effectiveDate: '2023-06-01', congressTerm: '2020-2025', reason: 'luân chuyển',
  },
  PlanDrafted: {
    planId: id(700), agencyId: id(900), month: '2025-04',
    entries: [{ cadreId: id(1), unitCode: '02641', startDate: '2025-04-10', endDate: '2025-04-11', purpose: 'Nắm tình hình' }],
  },
  PlanSubmitted: { planId: id(700) },
  PlanApproved: { planId: id(700) },
  PlanRejected: { planId: id(700), reason: 'Thiếu lịch' },
  VisitLogged: {
    visitId: id(201), cadreId: id(1), unitCode: '02641', startDate: '2025-02-10', endDate: '2025-02-11', purposes: ['Nắm tình hình'],
    activities: [{ kind: 'working-session', date: '2025-02-10' }], planId: id(700),
  },
  VisitConfirmed: { visitId: id(201), byUnitCode: '02641' },
  VisitDisputed: { visitId: id(201), byUnitCode: '02641', reason: 'Không có mặt' },
  VisitDisputeResolved: { visitId: id(201), byUnitCode: '02641', reason: 'Đã xác minh' },
  VisitCancelled: { visitId: id(201), reason: 'Ghi nhầm' },
  ReportFiled: {
    reportId: id(301), visitId: id(201), cadreId: id(1), summary: 'Tình hình ổn định',
    findings: [{ topic: 'socio-economic', text: 'Sản xuất phát triển' }], recommendations: [{ recommendationId: id(401), text: 'Hỗ trợ giống' }],
  },
  ReportAmended: { reportId: id(301), reason: 'Bổ sung', findings: [] },
  RecommendationRaised: { recommendationId: id(401), reportId: id(301), visitId: id(201), cadreId: id(1), unitCode: '02641', text: 'Hỗ trợ giống' },
  RecommendationForwarded: { recommendationId: id(401), agencyId: id(900), dueDate: '2025-03-31' },
  RecommendationAnswered: { recommendationId: id(401), agencyId: id(900), answer: 'Đã bố trí' },
  RecommendationClosed: { recommendationId: id(401), outcome: 'resolved' },
  RecommendationReopened: { recommendationId: id(401), reason: 'Chưa thực hiện' },
  CadreEvaluated: { evaluationId: id(601), committeeUnitCode: '02641', cadreId: id(1), year: 2024, rating: 'excellent', comments: 'Tốt' },
  CadreEvaluationAmended: { evaluationId: id(601), reason: 'Phúc tra', rating: 'good' },
  UnitRated: { committeeUnitCode: '10', unitCode: '02641', year: 2024, rating: 'good' },
};
