import type { X509Certificate } from 'node:crypto';
import type { Database } from '../db/Database.js';
import type { Bundle } from '../ledger/bundle/Bundle.js';
import type { Ledger } from '../ledger/Ledger.js';
import type { EventStore } from '../store/EventStore.js';
import { inspectionBundle } from './bundle/inspectionBundle.js';
import { collectEvidence, type Target } from './collectEvidence.js';
import type { InspectionCheck, Verdict } from './InspectionCheck.js';
import { verdictOf } from './InspectionCheck.js';
import { integrityChecks } from './integrity/integrityChecks.js';
import { reportOf, visitOf } from './plausibility/select.js';
import { runPlausibility } from './plausibility/rules.js';
import { signatureCheck } from './provenance/signatureCheck.js';
import { tokenChecks } from './provenance/tokenChecks.js';
import type { SigningKeyStore } from './signatures/SigningKeyStore.js';

/** What an inspection needs from the app: the store, the ledger, the tokens and keys, the anchors. */
export interface InspectionDeps {
  database: Database;
  store: EventStore;
  ledger: Ledger;
  keys: SigningKeyStore;
  trustAnchors: readonly X509Certificate[];
}

export interface Authenticity {
  verdict: Verdict;
  visitId: string;
  reportId: string | null;
  /** The visited unit and the day the visit started (null when no visit was logged): scope checks use them. */
  unitCode: string | null;
  startDate: string | null;
  checks: InspectionCheck[];
  /** Absent when the caller asked for none (bulk inspections). */
  bundle?: Bundle;
}

export interface AuthenticityOptions {
  /** Checkpoint notes the inspector holds: the latest must extend each. */
  knownCheckpoints?: readonly string[];
  bundle?: boolean;
}

/**
 * The authenticity of one report or visit: integrity, then provenance, then plausibility, every
 * check reported (none stops the others), and the proof bundle an outsider can verify offline.
 */
export async function authenticity(deps: InspectionDeps, target: Target, options: AuthenticityOptions = {}): Promise<Authenticity> {
  const evidence = await collectEvidence(deps.store, target);
  const integrity = await integrityChecks(deps.ledger, deps.store, evidence, options.knownCheckpoints ?? []);
  const visit = visitOf(evidence.subject, evidence.events);
  const provenance = [
    ...(await tokenChecks(deps.database, evidence.own, visit?.event.data.cadreId ?? '')),
    await signatureCheck(deps.keys, reportOf(evidence.subject, evidence.events), deps.trustAnchors),
  ];
  const outcomes = runPlausibility(evidence.subject, evidence.events, evidence.params);
  const plausibility = outcomes.map(({ code, ok, detail, unattested }): InspectionCheck => ({ code, ok, detail, ...(unattested ? { unattested } : {}) }));
  const checks = [...integrity.checks, ...provenance, ...plausibility];
  const verdict = verdictOf(checks);
  const where = { unitCode: visit?.event.data.unitCode ?? null, startDate: visit?.event.data.startDate ?? null };
  const head = { verdict, visitId: evidence.subject.visitId, reportId: evidence.subject.reportId, ...where, checks };
  if (options.bundle === false) return head;
  const bundle = await inspectionBundle(deps.ledger.reader, {
    subject: evidence.subject,
    params: evidence.params,
    ownPositions: evidence.own.map((e) => e.position),
    outcomes,
  });
  return { ...head, bundle };
}
