import { z } from 'zod';
import { openCheckpoint, type Checkpoint } from '../checkpoint.js';
import { decodeBase64 } from '../encoding.js';
import { equalBytes } from '../hashes.js';
import { noteVerifier, type NoteVerifier } from '../signedNote.js';
import { verifyConsistency } from '../verifyProofs.js';
import { verifyWitnessPolicy } from '../witnessPolicy.js';
import { parseLeafBytes, type LeafEnvelope } from '../leafEnvelope.js';
import { Bundle, type BundleConsistency, type BundleFact, type BundleLeaf } from './Bundle.js';
import { check, type BundleCheck } from './BundleCheck.js';
import { leafChecks } from './leafChecks.js';

export interface BundleTrust {
  /** The log's verifier key, obtained out of band (never from the bundle itself). */
  vkey: string;
  /** Witnesses' verifier keys and how many of them must have cosigned (c2sp.org/tlog-cosignature). */
  witnesses?: readonly string[];
  witnessesRequired?: number;
  /** A checkpoint note the verifier already trusts: the bundle must extend it. */
  trustedCheckpoint?: string;
}

/**
 * Checks the facts of one kind against the bundle's leaves (envelopes by position, only those that
 * parse). Features that add facts (the inspection) supply these; the ledger knows no fact kinds.
 */
export type FactChecker = (fact: BundleFact, leaves: ReadonlyMap<string, LeafEnvelope>) => BundleCheck[];

export interface BundleVerdict {
  ok: boolean;
  checks: BundleCheck[];
}

/**
 * Verifies a bundle offline: pure, no clock, no network. Returns every check rather than stopping
 * at the first failure, so an auditor sees all that holds and all that does not. Throws only for a
 * malformed trusted key (the verifier's own input).
 */
export function verifyBundle(input: unknown, trust: BundleTrust, factCheckers: Readonly<Record<string, FactChecker>> = {}): BundleVerdict {
  const log = noteVerifier(trust.vkey);
  const parsed = Bundle.safeParse(input);
  if (!parsed.success) return verdict([check('BUNDLE_FORMAT', false, z.prettifyError(parsed.error))]);
  const bundle = parsed.data;
  const checks = [check('BUNDLE_FORMAT', true, `version ${bundle.version}, ${bundle.leaves.length} leaves`)];
  checks.push(check('VKEY', bundle.vkey === trust.vkey, bundle.vkey === trust.vkey ? trust.vkey : `the bundle names ${bundle.vkey}`));
  const checkpoint = openSigned(bundle.checkpoint, log);
  if (typeof checkpoint === 'string') return verdict([...checks, check('CHECKPOINT_SIGNATURE', false, checkpoint)]);
  checks.push(check('CHECKPOINT_SIGNATURE', true, `tree size ${checkpoint.size} signed by ${log.name}`));
  checks.push(check('CHECKPOINT_ORIGIN', checkpoint.origin === bundle.origin, `origin ${checkpoint.origin}`));
  if (trust.witnesses && trust.witnesses.length > 0) {
    const threshold = trust.witnessesRequired ?? trust.witnesses.length;
    const ok = verifyWitnessPolicy(bundle.checkpoint, { log: trust.vkey, witnesses: trust.witnesses, threshold });
    checks.push(check('WITNESS_POLICY', ok, `${threshold} of ${trust.witnesses.length} witnesses required${ok ? '' : ': not enough valid cosignatures'}`));
  }
  checks.push(...leafChecks(bundle.leaves, checkpoint));
  const earlier = bundle.consistency ? consistencyCheck(bundle.consistency, checkpoint, log) : undefined;
  if (earlier) checks.push(earlier.check);
  if (trust.trustedCheckpoint !== undefined) checks.push(trustedCheck(trust.trustedCheckpoint, checkpoint, log, earlier));
  const envelopes = openEnvelopes(bundle.leaves);
  for (const fact of bundle.facts) {
    const checker = factCheckers[fact.kind];
    checks.push(...(checker ? checker(fact, envelopes) : [check('FACT', true, `kind ${fact.kind}: not checked by this verifier`)]));
  }
  return verdict(checks);
}

const verdict = (checks: BundleCheck[]): BundleVerdict => ({ ok: checks.every((c) => c.ok), checks });

function openSigned(note: string, log: NoteVerifier): Checkpoint | string {
  try {
    return openCheckpoint(note, log).checkpoint;
  } catch (error) {
    return `not a checkpoint signed by ${log.name}: ${(error as Error).message}`;
  }
}

/** RFC 9162 §2.1.4.2 from the holder's earlier checkpoint to the bundle's. */
function consistencyCheck(c: BundleConsistency, to: Checkpoint, log: NoteVerifier): { check: BundleCheck; from?: Checkpoint } {
  const from = openSigned(c.fromCheckpoint, log);
  if (typeof from === 'string') return { check: check('CONSISTENCY', false, `earlier checkpoint ${from}`) };
  const proof = c.proof.map((p) => decodeBase64(p) as Uint8Array);
  const ok = verifyConsistency(from.size, to.size, proof, from.rootHash, to.rootHash);
  const detail = `tree size ${from.size} → ${to.size}${ok ? '' : ': the log is not an extension of the earlier checkpoint'}`;
  return { check: check('CONSISTENCY', ok, detail), from };
}

function trustedCheck(note: string, to: Checkpoint, log: NoteVerifier, earlier: { check: BundleCheck; from?: Checkpoint } | undefined): BundleCheck {
  const trusted = openSigned(note, log);
  if (typeof trusted === 'string') return check('TRUSTED_CHECKPOINT', false, `trusted ${trusted}`);
  if (trusted.size === to.size) {
    const same = equalBytes(trusted.rootHash, to.rootHash);
    return check('TRUSTED_CHECKPOINT', same, `tree size ${to.size}${same ? '' : ': two different roots signed for one size (split view)'}`);
  }
  const from = earlier?.from;
  const linked = from !== undefined && from.size === trusted.size && equalBytes(from.rootHash, trusted.rootHash) && earlier?.check.ok === true;
  return check('TRUSTED_CHECKPOINT', linked, `tree size ${trusted.size} → ${to.size}${linked ? '' : ': the bundle carries no valid consistency proof from the trusted checkpoint'}`);
}

/** The leaves' envelopes by position; leaves that do not parse already failed LEAF_ENVELOPE. */
function openEnvelopes(leaves: readonly BundleLeaf[]): Map<string, LeafEnvelope> {
  const map = new Map<string, LeafEnvelope>();
  for (const leaf of leaves) {
    try {
      map.set(leaf.position, parseLeafBytes(decodeBase64(leaf.leafBytes) as Uint8Array));
    } catch {
      // counted by leafChecks
    }
  }
  return map;
}
