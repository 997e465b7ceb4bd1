import { z } from 'zod';
import { reason, text } from '#events/common.js';
import { finding } from '#events/fieldwork.js';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkDecider, type AmendReport, type FieldworkContexts, type FieldworkState } from '../../domain/fieldwork/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findReportStream } from './findFieldwork.js';

// ReportAmended carries a refinement, which zod's omit() refuses: its fields are restated here.
export const AmendReportInput = z.object({
  reason,
  summary: text(10000).optional(),
  findings: z.array(finding).max(50).optional(),
}).strict();
export type AmendReportInput = z.infer<typeof AmendReportInput>;

export async function amendReport(env: CommandEnv, reportId: string, input: AmendReportInput): Promise<CommandOutcome> {
  const data = { reportId, ...input };
  const result = await handleCommand<FieldworkState, AmendReport, FieldworkEvent, FieldworkContexts['AmendReport']>({
    ...envInput(env),
    streamId: await findReportStream(env.store, reportId),
    decider: fieldworkDecider,
    command: { type: 'AmendReport', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: reportId, result };
}
