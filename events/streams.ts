/**
 * Stream names. One stream per aggregate; the name carries the keys a command handler needs to
 * find it. Unit codes are digits and ids are UUIDs, so `-` separates the parts unambiguously.
 *
 * | family         | stream                                  |
 * |----------------|-----------------------------------------|
 * | unit           | unit-<unitCode>                         |
 * | agency         | agency-<agencyId>                       |
 * | cadre          | cadre-<cadreId>                         |
 * | policy         | policy-<policyId>                       |
 * | board          | board-<committeeUnitCode>               |
 * | plan           | plan-<agencyId>-<YYYY-MM>               |
 * | fieldwork      | fieldwork-<cadreId>-<YYYY>              |
 * | recommendation | recommendation-<recommendationId>       |
 * | evaluation     | evaluations-<committeeUnitCode>-<YYYY>  |
 */

export const streamFamilies = [
  'unit', 'agency', 'cadre', 'policy', 'board', 'plan', 'fieldwork', 'recommendation', 'evaluation',
] as const;
export type StreamFamily = (typeof streamFamilies)[number];

export const unitStream = (unitCode: string): string => `unit-${unitCode}`;
export const agencyStream = (agencyId: string): string => `agency-${agencyId}`;
export const cadreStream = (cadreId: string): string => `cadre-${cadreId}`;
export const policyStream = (policyId: string): string => `policy-${policyId}`;
export const boardStream = (committeeUnitCode: string): string => `board-${committeeUnitCode}`;
/** `month` is `YYYY-MM`. */
export const planStream = (agencyId: string, month: string): string => `plan-${agencyId}-${month}`;
/** A visit lives in the stream of the year it starts in. */
export const fieldworkStream = (cadreId: string, year: number): string => `fieldwork-${cadreId}-${year}`;
export const recommendationStream = (recommendationId: string): string => `recommendation-${recommendationId}`;
export const evaluationStream = (committeeUnitCode: string, year: number): string => `evaluations-${committeeUnitCode}-${year}`;

const prefixes: Readonly<Record<string, StreamFamily>> = {
  unit: 'unit', agency: 'agency', cadre: 'cadre', policy: 'policy', board: 'board', plan: 'plan',
  fieldwork: 'fieldwork', recommendation: 'recommendation', evaluations: 'evaluation',
};

/** The family a stream belongs to, or null for a name no helper above produces. */
export function streamFamilyOf(streamName: string): StreamFamily | null {
  const prefix = streamName.slice(0, streamName.indexOf('-'));
  return Object.hasOwn(prefixes, prefix) ? prefixes[prefix] ?? null : null;
}
