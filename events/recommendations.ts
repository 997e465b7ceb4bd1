import { z } from 'zod';
import { isoDate, reason, text, unitCode, uuid } from './common.js';

/** Recommendations (kiến nghị) raised in trip reports, one stream each: `recommendation-<id>`. */

export const RecommendationRaised = z.object({
  recommendationId: uuid,
  reportId: uuid,
  visitId: uuid,
  cadreId: uuid,
  unitCode,
  text: text(5000),
}).strict();
export type RecommendationRaised = z.infer<typeof RecommendationRaised>;

/** Bến Tre: assigned cadres pass commune proposals on to the competent agencies (domain-notes §3). */
export const RecommendationForwarded = z.object({
  recommendationId: uuid,
  agencyId: uuid,
  dueDate: isoDate,
  note: text(2000).optional(),
}).strict();
export type RecommendationForwarded = z.infer<typeof RecommendationForwarded>;

export const RecommendationAnswered = z.object({
  recommendationId: uuid,
  agencyId: uuid,
  answer: text(10000),
}).strict();
export type RecommendationAnswered = z.infer<typeof RecommendationAnswered>;

export const closeOutcome = z.enum(['resolved', 'declined', 'withdrawn', 'superseded']);

export const RecommendationClosed = z.object({
  recommendationId: uuid,
  outcome: closeOutcome,
  note: text(2000).optional(),
}).strict();
export type RecommendationClosed = z.infer<typeof RecommendationClosed>;

export const RecommendationReopened = z.object({ recommendationId: uuid, reason }).strict();
export type RecommendationReopened = z.infer<typeof RecommendationReopened>;
