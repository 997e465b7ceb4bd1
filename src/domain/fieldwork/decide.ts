import type { FieldworkEvent } from '#events/registry.js';
import type { FieldworkCommand, FieldworkContexts } from './commands.js';
import { amendReport, fileReport } from './decideReport.js';
import { cancelVisit, confirmVisit, disputeVisit, logVisit, resolveVisitDispute } from './decideVisit.js';
import type { FieldworkState } from './state.js';

export function decide<C extends FieldworkCommand>(command: C, state: FieldworkState, context: FieldworkContexts[C['type']]): FieldworkEvent[] {
  const cmd: FieldworkCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'LogVisit': return logVisit(cmd, state, context as FieldworkContexts['LogVisit']);
    case 'ConfirmVisit': return confirmVisit(cmd, state, context as FieldworkContexts['ConfirmVisit']);
    case 'DisputeVisit': return disputeVisit(cmd, state, context as FieldworkContexts['DisputeVisit']);
    case 'ResolveVisitDispute': return resolveVisitDispute(cmd, state, context as FieldworkContexts['ResolveVisitDispute']);
    case 'CancelVisit': return cancelVisit(cmd, state);
    case 'FileReport': return fileReport(cmd, state);
    case 'AmendReport': return amendReport(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}
