import type { DomainEvent } from '#events/registry.js';

/**
 * One event an inspection rests on, as both sides see it: the server reads it from the store, the
 * offline verifier from a bundle leaf. Positions stay decimal strings (64-bit, never a number).
 */
export interface EvidenceEvent {
  readonly position: string;
  readonly streamId: string;
  /** When the store committed it (ISO-8601 UTC): what the ledger knew and when. */
  readonly recordedAt: string;
  /** When the event says it happened (ISO-8601): the recorder's claim, attested only by recordedAt. */
  readonly occurredAt: string;
  /** The token id the event was recorded under (metadata.actor, also in the leaf). */
  readonly actor: string | null;
  readonly event: DomainEvent;
}

/** What is being inspected: a visit, and the report of it when there is one. */
export interface Subject {
  readonly visitId: string;
  readonly reportId: string | null;
}

/**
 * Inputs a rule needs that the cited events alone cannot prove; the server states them and the
 * bundle carries them in the fact (README "Inspection: bundle facts").
 */
export interface RuleParams {
  /** Units an assignment may name for the visit to count: the visited unit and its commune. */
  readonly unitCodes?: readonly string[];
  /** The policy whose deadline applies (its events are cited), or none. */
  readonly policyId?: string | null;
}

/** The answer of one plausibility rule and the positions of the events it rests on. */
export interface RuleOutcome {
  readonly ok: boolean;
  readonly detail: string;
  readonly restsOn: readonly string[];
  /**
   * The answer rests on a transcribed record's own claim (`transcribedFrom`), which the ledger, having
   * recorded it later, cannot attest: the inspection then says so instead of calling it authentic.
   */
  readonly unattested?: true;
}

export type PlausibilityCode =
  | 'PLAUSIBLE_ASSIGNED'
  | 'PLAUSIBLE_NOT_CANCELLED'
  | 'PLAUSIBLE_AFTER_VISIT'
  | 'PLAUSIBLE_ON_TIME'
  | 'PLAUSIBLE_NO_OVERLAP'
  | 'PLAUSIBLE_CONFIRMED'
  | 'PLAUSIBLE_AMENDMENTS'
  | 'PLAUSIBLE_ACTIVITIES_INSIDE';

export type Rule = (subject: Subject, events: readonly EvidenceEvent[], params: RuleParams) => RuleOutcome;
