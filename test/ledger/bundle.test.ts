import t from 'tap';
import { Bundle } from '../../src/ledger/bundle/Bundle.js';
import { buildBundle } from '../../src/ledger/bundle/buildBundle.js';
import { verifyBundle, type BundleVerdict } from '../../src/ledger/bundle/verifyBundle.js';
import { decodeBase64, encodeBase64 } from '../../src/ledger/encoding.js';
import { generateNoteKey } from '../../src/ledger/noteKeys.js';
import { LedgerReader } from '../../src/ledger/postgres/LedgerReader.js';
import { verifyLedger } from '../../src/ledger/postgres/verifyLedger.js';
import { openTestLedger, testEvent, type TestLedger } from '../helpers/testLedger.js';
import { rewriteHistory } from './tamper.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

async function seed(l: TestLedger, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await l.store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
}

const failed = (v: BundleVerdict) => v.checks.filter((c) => !c.ok).map((c) => c.code);

t.test('a bundle verifies offline: envelopes, inclusion, signature, order, stream chains', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 0, 10);
  const reader = new LedgerReader(l.database);
  const bundle = await buildBundle(reader, [7n, 1n, 4n, 10n]);
  t.same(bundle.leaves.map((x) => x.position), ['1', '4', '7', '10']);
  const verdict = verifyBundle(JSON.parse(JSON.stringify(bundle)), { vkey: l.key.vkey });
  t.ok(verdict.ok, 'verifies');
  t.same(failed(verdict), []);
  // Positions 1, 4, 7 and 10 are the stream s-0's versions 1..4: three links checked, one opening.
  t.equal(verdict.checks.filter((c) => c.code === 'STREAM_CHAIN').length, 4);
  t.equal(verdict.checks.filter((c) => c.code === 'LEAF_INCLUSION').length, 4);

  await t.test('one flipped byte of a leaf fails that leaf', async (t) => {
    const copy = structuredClone(bundle);
    const bytes = decodeBase64(copy.leaves[1]!.leafBytes) as Uint8Array;
    const at = bytes.indexOf(0x3a) + 1; // the first value after a colon
    bytes[at] = bytes[at]! ^ 0x01;
    copy.leaves[1]!.leafBytes = encodeBase64(bytes);
    const v = verifyBundle(copy, { vkey: l.key.vkey });
    t.notOk(v.ok);
    t.ok(failed(v).includes('LEAF_INCLUSION'));
    t.match(v.checks.find((c) => c.code === 'LEAF_INCLUSION' && !c.ok)?.detail, /position 4\b/);
  });

  await t.test('a flipped byte in a proof, the checkpoint or a wrong key fails', async (t) => {
    const proof = structuredClone(bundle);
    const p = decodeBase64(proof.leaves[0]!.inclusionProof[0]!) as Uint8Array;
    p[0] = p[0]! ^ 0x80;
    proof.leaves[0]!.inclusionProof[0] = encodeBase64(p);
    t.same(failed(verifyBundle(proof, { vkey: l.key.vkey })), ['LEAF_INCLUSION']);
    const note = structuredClone(bundle);
    note.checkpoint = note.checkpoint.replace('\n10\n', '\n11\n');
    t.ok(failed(verifyBundle(note, { vkey: l.key.vkey })).includes('CHECKPOINT_SIGNATURE'));
    const other = generateNoteKey('test.diaban/log');
    t.same(failed(verifyBundle(bundle, { vkey: other.vkey })), ['VKEY', 'CHECKPOINT_SIGNATURE']);
    t.same(failed(verifyBundle({ ...bundle, version: 2 }, { vkey: l.key.vkey })), ['BUNDLE_FORMAT']);
  });

  await t.test('leaves presented at the wrong positions are named', async (t) => {
    const swapped = structuredClone(bundle);
    // Swap two leaves of one stream: each envelope now names another position than the bundle says.
    const [a, b] = [swapped.leaves[1]!, swapped.leaves[2]!];
    [a.leafBytes, b.leafBytes] = [b.leafBytes, a.leafBytes];
    const v = verifyBundle(swapped, { vkey: l.key.vkey });
    t.ok(failed(v).includes('LEAF_ENVELOPE'));
  });

  await t.test('facts are listed, unchecked, and the schema is extensible', async (t) => {
    const withFacts = Bundle.parse({ ...bundle, facts: [{ kind: 'visit-plausibility', position: '4', distanceKm: 12 }] });
    const v = verifyBundle(withFacts, { vkey: l.key.vkey });
    t.ok(v.ok);
    t.match(v.checks.at(-1), { code: 'FACT', ok: true });
  });
});

t.test('the issue’s case: a bundle made before tampering still verifies, consistency to the new head fails', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 0, 8);
  const reader = new LedgerReader(l.database);
  // 1. An auditor takes a bundle at tree size 8 and keeps it.
  const before = await buildBundle(reader, [2n, 5n]);
  t.ok(verifyBundle(before, { vkey: l.key.vkey }).ok);
  // 2. History is rewritten at position 5 and re-signed with the log's own key; more events follow.
  const sealer = await rewriteHistory(l.database, l.store, l.key, 5);
  for (let i = 8; i < 12; i++) await l.store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
  await sealCommitted(l.database, sealer);
  await sealer.checkpoint();
  t.ok((await verifyLedger(l.database)).ok, 'the rewritten database verifies on its own');
  // 3. The old bundle still verifies its old checkpoint offline.
  t.ok(verifyBundle(before, { vkey: l.key.vkey }).ok, 'old bundle, old checkpoint: still valid');
  // 4. A new bundle with a consistency proof from the auditor's checkpoint to the new head fails.
  const after = await buildBundle(reader, [2n, 5n], { since: { note: before.checkpoint } });
  const v = verifyBundle(after, { vkey: l.key.vkey, trustedCheckpoint: before.checkpoint });
  t.notOk(v.ok);
  t.same(failed(v), ['CONSISTENCY', 'TRUSTED_CHECKPOINT']);
  t.match(v.checks.find((c) => c.code === 'CONSISTENCY')?.detail, /8 → 12/);
  // Without a consistency proof, a trusted checkpoint still exposes the missing link.
  t.same(failed(verifyBundle(await buildBundle(reader, [2n]), { vkey: l.key.vkey, trustedCheckpoint: before.checkpoint })), ['TRUSTED_CHECKPOINT']);
});
