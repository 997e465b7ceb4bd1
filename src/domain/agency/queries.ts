import type { AgencyFact } from '../facts.js';
import type { AgencyState } from './state.js';

export function agencyFact(state: AgencyState): AgencyFact | null {
  return state.status === 'registered' ? { agencyId: state.agencyId, unitCode: state.unitCode } : null;
}
