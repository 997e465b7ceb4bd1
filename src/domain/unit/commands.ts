import type { UnitLevel } from '#events/common.js';
import type { UnitDissolved, UnitsMerged } from '#events/units.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { UnitFact } from '../facts.js';

export type EstablishUnit = Command<'EstablishUnit', {
  code: string;
  name: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
  effectiveDate: string;
  decisionRef?: string;
}>;

export type RenameUnit = Command<'RenameUnit', {
  code: string;
  name: string;
  type?: string;
  effectiveDate: string;
  decisionRef?: string;
}>;

export type ReparentUnit = Command<'ReparentUnit', {
  code: string;
  parentCode: string;
  effectiveDate: string;
  decisionRef?: string;
}>;

/** Decided on the stream of `intoCode`. */
export type MergeUnits = Command<'MergeUnits', UnitsMerged>;

export type DissolveUnit = Command<'DissolveUnit', UnitDissolved>;

export type UnitCommand = EstablishUnit | RenameUnit | ReparentUnit | MergeUnits | DissolveUnit;

export interface UnitContexts {
  /** The parent as of `effectiveDate`; null for a province or a parent that does not exist. */
  readonly EstablishUnit: { readonly parent: UnitFact | null };
  readonly RenameUnit: NoContext;
  /** The new parent as of `effectiveDate`. */
  readonly ReparentUnit: { readonly parent: UnitFact | null };
  /** Every from-unit as of the day before `effectiveDate`, the last day it existed as it was. */
  readonly MergeUnits: { readonly fromUnits: readonly UnitFact[] };
  /** Every successor as of `effectiveDate`. */
  readonly DissolveUnit: { readonly successors: readonly UnitFact[] };
}
