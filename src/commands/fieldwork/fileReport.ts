import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { finding, ReportFiled } from '#events/fieldwork.js';
import { text } from '#events/common.js';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkDecider, type FieldworkContexts, type FieldworkState, type FileReport } from '../../domain/fieldwork/index.js';
import { commandMetadata, envInput, transcribed, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { reportKey } from '../facts/streamKeys.js';
import { handleCommand } from '../handleCommand.js';
import { raiseRecommendation } from '../recommendation/raiseRecommendation.js';
import { findVisitStream } from './findFieldwork.js';

/** Recommendations come as text; the server gives each its id. */
export const FileReportInput = ReportFiled.omit({ reportId: true, cadreId: true, recommendations: true, transcribedFrom: true })
  .extend({ findings: z.array(finding).max(50), recommendations: z.array(z.object({ text: text(5000) }).strict()).max(50) })
  .strict();
export type FileReportInput = z.infer<typeof FileReportInput>;

/**
 * Files the report of a visit (by the cadre who made it), then raises each recommendation in its
 * own stream, caused by the ReportFiled event. The raise is idempotent per recommendation id, so a
 * failure between the two leaves nothing a retry of the raise cannot finish.
 */
export async function fileReport(env: CommandEnv, input: FileReportInput): Promise<CommandOutcome> {
  const data = {
    reportId: randomUUID(),
    ...input,
    recommendations: input.recommendations.map((raised) => ({ recommendationId: randomUUID(), text: raised.text })),
    ...transcribed(env),
  };
  const fieldworkStreamId = await findVisitStream(env.store, data.visitId);
  const result = await handleCommand<FieldworkState, FileReport, FieldworkEvent, FieldworkContexts['FileReport']>({
    ...envInput(env),
    streamId: fieldworkStreamId,
    decider: fieldworkDecider,
    command: { type: 'FileReport', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
    keys: () => [reportKey(data.reportId)],
  });
  const causationId = result.events[0]?.id ?? null;
  const processEnv: CommandEnv = { store: env.store, actor: env.actor, now: env.now, metadata: { ...env.metadata, causationId } };
  for (const { recommendationId } of data.recommendations) {
    await raiseRecommendation(processEnv, { fieldworkStreamId, reportId: data.reportId, recommendationId });
  }
  return { id: data.reportId, result };
}
