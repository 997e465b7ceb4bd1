import type { RecommendationClosed, RecommendationForwarded, RecommendationReopened } from '#events/recommendations.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { AgencyFact, ReportFact } from '../facts.js';

/** Sent after ReportFiled, once per recommendation the report raises. */
export type RaiseRecommendation = Command<'RaiseRecommendation', { recommendationId: string; reportId: string }>;
export type ForwardRecommendation = Command<'ForwardRecommendation', RecommendationForwarded>;
/** The answering agency is metadata.actor.agencyId. */
export type AnswerRecommendation = Command<'AnswerRecommendation', { recommendationId: string; answer: string }>;
export type CloseRecommendation = Command<'CloseRecommendation', RecommendationClosed>;
export type ReopenRecommendation = Command<'ReopenRecommendation', RecommendationReopened>;

export type RecommendationCommand =
  | RaiseRecommendation | ForwardRecommendation | AnswerRecommendation | CloseRecommendation | ReopenRecommendation;

export interface RecommendationContexts {
  /** The report, from its cadre's fieldwork stream (fieldwork/queries.ts reportFact). */
  readonly RaiseRecommendation: { readonly report: ReportFact | null };
  /** The agency forwarded to. */
  readonly ForwardRecommendation: { readonly agency: AgencyFact | null };
  readonly AnswerRecommendation: NoContext;
  readonly CloseRecommendation: NoContext;
  readonly ReopenRecommendation: NoContext;
}
