import { agencyDecider } from './agency/index.js';
import { boardDecider } from './board/index.js';
import { cadreDecider } from './cadre/index.js';
import { evaluationDecider } from './evaluation/index.js';
import { fieldworkDecider } from './fieldwork/index.js';
import { planDecider } from './plan/index.js';
import { policyDecider } from './policy/index.js';
import { recommendationDecider } from './recommendation/index.js';
import { unitDecider } from './unit/index.js';

/** One decider per stream family (events/streams.ts). Each stream's folder exports its commands and queries. */
export const deciders = {
  unit: unitDecider,
  agency: agencyDecider,
  cadre: cadreDecider,
  policy: policyDecider,
  board: boardDecider,
  plan: planDecider,
  fieldwork: fieldworkDecider,
  recommendation: recommendationDecider,
  evaluation: evaluationDecider,
} as const;

export type { Actor, ActorRole } from './actor.js';
export type { Command, CommandMetadata } from './command.js';
export type { Decider, NoContext } from './decider.js';
export { DomainError, domainErrorCodeList, domainErrorCodes, isDomainError, type DomainErrorCode } from './errors.js';
export type * from './facts.js';
