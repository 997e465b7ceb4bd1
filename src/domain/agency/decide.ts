import type { AgencyEvent } from '#events/registry.js';
import { fail, requireActiveUnit } from '../rules.js';
import { todayInVietnam } from '../time.js';
import type { AgencyCommand, AgencyContexts, RegisterAgency, RenameAgency } from './commands.js';
import type { AgencyState } from './state.js';

export function decide<C extends AgencyCommand>(command: C, state: AgencyState, context: AgencyContexts[C['type']]): AgencyEvent[] {
  const cmd: AgencyCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'RegisterAgency': return registerAgency(cmd, state, context as AgencyContexts['RegisterAgency']);
    case 'RenameAgency': return renameAgency(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function registerAgency({ data, metadata }: RegisterAgency, state: AgencyState, { unit }: AgencyContexts['RegisterAgency']): AgencyEvent[] {
  if (state.status === 'registered') fail('AGENCY_ALREADY_REGISTERED', 'agencyId');
  requireActiveUnit(unit, todayInVietnam(metadata.now), 'unitCode');
  return [{ type: 'AgencyRegistered', data: { ...data } }];
}

function renameAgency({ data }: RenameAgency, state: AgencyState): AgencyEvent[] {
  if (state.status === 'none') fail('AGENCY_NOT_FOUND', 'agencyId');
  return [{ type: 'AgencyRenamed', data: { ...data } }];
}
