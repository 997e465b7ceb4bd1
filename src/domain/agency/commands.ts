import type { AgencyRegistered, AgencyRenamed } from '#events/agencies.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { UnitFact } from '../facts.js';

export type RegisterAgency = Command<'RegisterAgency', AgencyRegistered>;
export type RenameAgency = Command<'RenameAgency', AgencyRenamed>;
export type AgencyCommand = RegisterAgency | RenameAgency;

export interface AgencyContexts {
  /** The agency's unit as of today (Vietnam time). */
  readonly RegisterAgency: { readonly unit: UnitFact | null };
  readonly RenameAgency: NoContext;
}
