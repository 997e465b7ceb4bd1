import { z } from 'zod';
import { isoDate, reason, text, unitCode, uuid } from './common.js';

/**
 * Fieldwork, one stream per cadre and year of the visit's start date: `fieldwork-<cadreId>-<year>`.
 * The report headings follow the duties in Hòa Bình 26-QĐ/TU (domain-notes §2, §7).
 */

export const activityKind = z.enum([
  'working-session', 'conference', 'party-cell-meeting', 'committee-meeting', 'dialogue-with-residents', 'field-work',
]);
export type ActivityKind = z.infer<typeof activityKind>;

export const activity = z.object({ kind: activityKind, date: isoDate, note: text(1000).optional() }).strict();
export type Activity = z.infer<typeof activity>;

/**
 * Set when the record is transcribed after the fact from an earlier record (a paper ledger, another
 * system, the demo's generated history): its dates and filing time are then that source's claim,
 * which the ledger, recording it later, cannot attest. Absent on everything recorded as it happens.
 * An optional addition: events without it read as before, so the schema versions did not change.
 */
export const transcribedFrom = text(500);

/** Schema version 2: a visit spans dates and each activity has its own (see upcasters.ts for v1). */
export const VisitLogged = z.object({
  visitId: uuid,
  cadreId: uuid,
  unitCode,
  startDate: isoDate,
  endDate: isoDate,
  purposes: z.array(text(500)).min(1).max(20),
  activities: z.array(activity).min(1).max(100),
  planId: uuid.optional(),
  transcribedFrom: transcribedFrom.optional(),
}).strict();
export type VisitLogged = z.infer<typeof VisitLogged>;

/** By the committee of the visited unit (or of its commune). */
export const VisitConfirmed = z.object({ visitId: uuid, byUnitCode: unitCode }).strict();
export type VisitConfirmed = z.infer<typeof VisitConfirmed>;

export const VisitDisputed = z.object({ visitId: uuid, byUnitCode: unitCode, reason }).strict();
export type VisitDisputed = z.infer<typeof VisitDisputed>;

/** The committee withdraws its dispute and confirms the visit, saying why: the only way past a dispute. */
export const VisitDisputeResolved = z.object({ visitId: uuid, byUnitCode: unitCode, reason }).strict();
export type VisitDisputeResolved = z.infer<typeof VisitDisputeResolved>;

export const VisitCancelled = z.object({ visitId: uuid, reason }).strict();
export type VisitCancelled = z.infer<typeof VisitCancelled>;

export const findingTopic = z.enum([
  'socio-economic', 'defence-security', 'political-system', 'living-conditions', 'difficulties', 'models', 'other',
]);

export const finding = z.object({ topic: findingTopic, text: text(5000) }).strict();
export type Finding = z.infer<typeof finding>;

export const raisedRecommendation = z.object({ recommendationId: uuid, text: text(5000) }).strict();
export type RaisedRecommendation = z.infer<typeof raisedRecommendation>;

export const ReportFiled = z.object({
  reportId: uuid,
  visitId: uuid,
  cadreId: uuid,
  summary: text(10000),
  findings: z.array(finding).max(50),
  recommendations: z.array(raisedRecommendation).max(50),
  transcribedFrom: transcribedFrom.optional(),
}).strict();
export type ReportFiled = z.infer<typeof ReportFiled>;

/** The new values of the fields that changed; the original ReportFiled stays in the stream. */
export const ReportAmended = z.object({
  reportId: uuid,
  reason,
  summary: text(10000).optional(),
  findings: z.array(finding).max(50).optional(),
}).strict().refine((event) => event.summary !== undefined || event.findings !== undefined, { message: 'nothing amended' });
export type ReportAmended = z.infer<typeof ReportAmended>;
