import type { PersonalField } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail, requireAgency } from '../rules.js';
import type {
  CadreCommand, CadreContexts, ChangeCadrePosition, EraseCadrePersonalData, RegisterCadre, RetireCadre, TransferCadre,
} from './commands.js';
import { postingOn, type CadreState, type RegisteredCadre } from './state.js';

export function decide<C extends CadreCommand>(command: C, state: CadreState, context: CadreContexts[C['type']]): CadreEvent[] {
  const cmd: CadreCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'RegisterCadre': return registerCadre(cmd, state, context as CadreContexts['RegisterCadre']);
    case 'TransferCadre': return transferCadre(cmd, state, context as CadreContexts['TransferCadre']);
    case 'ChangeCadrePosition': return changePosition(cmd, state);
    case 'RetireCadre': return retireCadre(cmd, state);
    case 'EraseCadrePersonalData': return erasePersonalData(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function registerCadre({ data }: RegisterCadre, state: CadreState, { agency }: CadreContexts['RegisterCadre']): CadreEvent[] {
  if (state.status === 'registered') fail('CADRE_ALREADY_REGISTERED', 'cadreId');
  requireAgency(agency, 'agencyId');
  return [{ type: 'CadreRegistered', data: definedOnly({ ...data }) }];
}

function transferCadre({ data }: TransferCadre, state: CadreState, { agency }: CadreContexts['TransferCadre']): CadreEvent[] {
  const cadre = requireInService(state, data.effectiveDate);
  const fromAgencyId = postingOn(cadre, data.effectiveDate).agencyId;
  if (fromAgencyId === data.toAgencyId) fail('CADRE_ALREADY_IN_AGENCY', 'toAgencyId');
  requireAgency(agency, 'toAgencyId');
  return [{ type: 'CadreTransferred', data: { ...data, fromAgencyId } }];
}

function changePosition({ data }: ChangeCadrePosition, state: CadreState): CadreEvent[] {
  requireInService(state, data.effectiveDate);
  return [{ type: 'CadrePositionChanged', data: definedOnly({ ...data }) }];
}

function retireCadre({ data }: RetireCadre, state: CadreState): CadreEvent[] {
  if (state.status === 'none') return fail('CADRE_NOT_FOUND', 'cadreId');
  if (state.retiredOn !== null) fail('CADRE_ALREADY_RETIRED', 'cadreId');
  return [{ type: 'CadreRetired', data: definedOnly({ ...data }) }];
}

/**
 * Erasure is allowed after retirement too: the right to erasure outlives service. A field can be
 * erased once, and only if it was recorded (the phone is optional).
 */
function erasePersonalData({ data }: EraseCadrePersonalData, state: CadreState): CadreEvent[] {
  if (state.status === 'none') return fail('CADRE_NOT_FOUND', 'cadreId');
  data.fields.forEach((field, index) => {
    const repeated = data.fields.indexOf(field) !== index;
    if (repeated || !isErasable(state, field)) fail('PERSONAL_DATA_ALREADY_ERASED', `fields.${index}`);
  });
  return [{ type: 'CadrePersonalDataErased', data: { ...data } }];
}

function isErasable(cadre: RegisteredCadre, field: PersonalField): boolean {
  return !cadre.erasedFields.includes(field) && cadre.registered[field] !== undefined;
}

function requireInService(state: CadreState, date: string): RegisteredCadre {
  if (state.status === 'none') return fail('CADRE_NOT_FOUND', 'cadreId');
  if (state.retiredOn !== null && date >= state.retiredOn) fail('CADRE_NOT_ACTIVE', 'cadreId');
  return state;
}
