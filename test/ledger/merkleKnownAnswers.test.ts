import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import {
  appendLeaf,
  consistencyProof,
  emptyCompactRange,
  inclusionProof,
  leafHash,
  rootFrom,
  rootFromLeafHashes,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type CompactRange,
  type Hash,
} from '#src/ledger/index.js';
import { fromHex, hex, perfectNodes, sourceAtSize } from './treeFixture.js';

// The classic RFC 6962 test tree and its expected hashes, copied from transparency-dev/merkle
// testonly/constants.go (LeafInputs, RootHashes, NodeHashes) and testonly/reference_test.go
// (TestRefInclusionProof, TestRefConsistencyProof); the same roots appear in
// certificate-transparency-go. Never computed by this code.
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NODE_HASHES: Record<string, string> = {
  '0/1': '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0/4': 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '1/0': 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  '1/1': '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  '1/2': '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  '1/3': 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  '2/0': 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '2/1': '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
};
const INCLUSION = [
  { index: 0n, size: 1n, want: [] },
  { index: 0n, size: 2n, want: ['0/1'] },
  { index: 1n, size: 2n, want: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2n, size: 3n, want: ['1/0'] },
  { index: 1n, size: 5n, want: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '1/1', '0/4'] },
  { index: 0n, size: 8n, want: ['0/1', '1/1', '2/1'] },
  { index: 5n, size: 8n, want: ['0/4', '1/3', '2/0'] },
];
const CONSISTENCY = [
  { size1: 1n, size2: 1n, want: [] },
  { size1: 1n, size2: 8n, want: ['0/1', '1/1', '2/1'] },
  { size1: 2n, size2: 5n, want: ['1/1', '0/4'] },
  { size1: 6n, size2: 8n, want: ['1/2', '1/3', '2/0'] },
];

const expand = (want: string[]): string[] => want.map((w) => NODE_HASHES[w] ?? w);
const leaves: Hash[] = LEAF_INPUTS.map((input) => leafHash(fromHex(input)));
const nodes = perfectNodes(leaves);

t.test('roots of sizes 0..8: reference MTH, perfect-subtree fold, compact range', async (t) => {
  let range: CompactRange = emptyCompactRange;
  for (let size = 0; size <= 8; size++) {
    t.equal(hex(rootFromLeafHashes(leaves.slice(0, size))), ROOTS[size], `rootFromLeafHashes(${size})`);
    t.equal(hex(rootFrom(BigInt(size), sourceAtSize(nodes, BigInt(size)))), ROOTS[size], `rootFrom(${size})`);
    t.equal(hex(rootOf(range)), ROOTS[size], `compact range root at ${size}`);
    if (size < 8) range = appendLeaf(range, leaves[size] as Hash).range;
  }
});

t.test('inclusion proofs match transparency-dev reference_test.go', async (t) => {
  for (const { index, size, want } of INCLUSION) {
    t.same(inclusionProof(index, size, sourceAtSize(nodes, size)).map(hex), expand(want), `${index}:${size}`);
  }
});

t.test('consistency proofs match transparency-dev reference_test.go', async (t) => {
  for (const { size1, size2, want } of CONSISTENCY) {
    t.same(consistencyProof(size1, size2, sourceAtSize(nodes, size2)).map(hex), expand(want), `${size1}:${size2}`);
  }
});

// The transparency-dev/merkle proof vectors (test/fixtures/merkle-testdata/SOURCE.md): the verifier
// must accept exactly the vectors with wantErr: false, corrupted proofs included.
const vectorsDir = new URL('../fixtures/merkle-testdata/', import.meta.url).pathname;

function vectorFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? vectorFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

/** JSON.parse would round 18446744073709551615 (uint64 max, used by "sub @1" vectors) to a double. */
function readVector(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8').replace(/"(leafIdx|treeSize|size1|size2)":\s*(\d+)/g, '"$1": "$2"');
  return JSON.parse(text) as Record<string, unknown>;
}

const b64 = (value: unknown): Uint8Array => Buffer.from(String(value), 'base64');
const proofOf = (value: unknown): Uint8Array[] => (Array.isArray(value) ? value.map(b64) : []);

t.test('every inclusion vector', async (t) => {
  const files = vectorFiles(join(vectorsDir, 'inclusion'));
  t.equal(files.length, 98, "all inclusion vectors found");
  for (const file of files) {
    const v = readVector(file);
    const ok = verifyInclusion(BigInt(String(v.leafIdx)), BigInt(String(v.treeSize)), b64(v.leafHash), proofOf(v.proof), b64(v.root));
    t.equal(ok, v.wantErr === false, file.slice(vectorsDir.length));
  }
});

t.test('every consistency vector', async (t) => {
  const files = vectorFiles(join(vectorsDir, 'consistency'));
  t.equal(files.length, 98, "all consistency vectors found");
  for (const file of files) {
    const v = readVector(file);
    const ok = verifyConsistency(BigInt(String(v.size1)), BigInt(String(v.size2)), proofOf(v.proof), b64(v.root1), b64(v.root2));
    t.equal(ok, v.wantErr === false, file.slice(vectorsDir.length));
  }
});
