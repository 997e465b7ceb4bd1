import type { RecommendationEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail, requireAgency } from '../rules.js';
import { todayInVietnam } from '../time.js';
import type {
  AnswerRecommendation, CloseRecommendation, ForwardRecommendation, RaiseRecommendation, RecommendationCommand,
  RecommendationContexts, ReopenRecommendation,
} from './commands.js';
import type { OpenedRecommendation, RecommendationState } from './state.js';

export function decide<C extends RecommendationCommand>(command: C, state: RecommendationState, context: RecommendationContexts[C['type']]): RecommendationEvent[] {
  const cmd: RecommendationCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'RaiseRecommendation': return raise(cmd, state, context as RecommendationContexts['RaiseRecommendation']);
    case 'ForwardRecommendation': return forward(cmd, state, context as RecommendationContexts['ForwardRecommendation']);
    case 'AnswerRecommendation': return answer(cmd, state);
    case 'CloseRecommendation': return close(cmd, state);
    case 'ReopenRecommendation': return reopen(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function raise({ data }: RaiseRecommendation, state: RecommendationState, { report }: RecommendationContexts['RaiseRecommendation']): RecommendationEvent[] {
  if (state.status !== 'none') fail('RECOMMENDATION_ALREADY_RAISED', 'recommendationId');
  if (report === null || report.reportId !== data.reportId) return fail('REPORT_NOT_FOUND', 'reportId');
  const raised = report.recommendations.find((candidate) => candidate.recommendationId === data.recommendationId);
  if (raised === undefined) return fail('RECOMMENDATION_NOT_IN_REPORT', 'recommendationId');
  const { reportId, visitId, cadreId, unitCode } = report;
  return [{ type: 'RecommendationRaised', data: { recommendationId: data.recommendationId, reportId, visitId, cadreId, unitCode, text: raised.text } }];
}

/** Forwarded, or forwarded again to another agency or with a new due date, until closed. */
function forward({ data, metadata }: ForwardRecommendation, state: RecommendationState, { agency }: RecommendationContexts['ForwardRecommendation']): RecommendationEvent[] {
  requireNotClosed(state);
  if (data.dueDate < todayInVietnam(metadata.now)) fail('DUE_DATE_IN_PAST', 'dueDate');
  requireAgency(agency, 'agencyId');
  return [{ type: 'RecommendationForwarded', data: definedOnly({ ...data }) }];
}

function answer({ data, metadata }: AnswerRecommendation, state: RecommendationState): RecommendationEvent[] {
  const recommendation = requireNotClosed(state);
  if (recommendation.status === 'raised' || recommendation.forwardedTo === null) return fail('RECOMMENDATION_NOT_FORWARDED', 'recommendationId');
  if (metadata.actor.agencyId !== recommendation.forwardedTo) fail('NOT_FORWARDED_AGENCY', 'recommendationId');
  if (recommendation.status === 'answered') fail('RECOMMENDATION_ALREADY_ANSWERED', 'recommendationId');
  return [{ type: 'RecommendationAnswered', data: { ...data, agencyId: recommendation.forwardedTo } }];
}

function close({ data }: CloseRecommendation, state: RecommendationState): RecommendationEvent[] {
  const recommendation = requireRecommendation(state);
  if (recommendation.status === 'closed') fail('RECOMMENDATION_ALREADY_CLOSED', 'recommendationId');
  return [{ type: 'RecommendationClosed', data: definedOnly({ ...data }) }];
}

function reopen({ data }: ReopenRecommendation, state: RecommendationState): RecommendationEvent[] {
  if (requireRecommendation(state).status !== 'closed') fail('RECOMMENDATION_NOT_CLOSED', 'recommendationId');
  return [{ type: 'RecommendationReopened', data: { ...data } }];
}

function requireRecommendation(state: RecommendationState): OpenedRecommendation {
  if (state.status === 'none') return fail('RECOMMENDATION_NOT_FOUND', 'recommendationId');
  return state;
}

function requireNotClosed(state: RecommendationState): OpenedRecommendation {
  const recommendation = requireRecommendation(state);
  if (recommendation.status === 'closed') fail('RECOMMENDATION_CLOSED', 'recommendationId');
  return recommendation;
}
