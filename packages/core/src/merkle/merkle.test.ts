import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, verifyConsistency } from './consistency-proof.js';
import { inclusionProof, verifyInclusion } from './inclusion-proof.js';
import { EMPTY_TREE_ROOT, type Hash, leafHash } from './merkle-hash.js';
import { createCompactTree, merkleRoot } from './merkle-tree.js';

const hex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
const unhex = (text: string): Hash => new Uint8Array(Buffer.from(text, 'hex'));

// The reference tree of Certificate Transparency's test suites (RFC 6962 / RFC 9162 hashing):
// eight leaves and the roots of every prefix, published with the reference implementations.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((data) => leafHash(unhex(data)));
const CT_ROOTS = [
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

const many = Array.from({ length: 40 }, (_, index) =>
  leafHash(createHash('sha256').update(`leaf ${index}`).digest()),
);
const roots = Array.from({ length: many.length + 1 }, (_, size) => merkleRoot(many.slice(0, size)));

describe('RFC 9162 Merkle trees', () => {
  it('give the reference roots for every size from 0 to 8, whole or appended leaf by leaf', () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe(CT_ROOTS[0]);
    const compact = createCompactTree();
    for (let size = 0; size <= 8; size += 1) {
      expect(hex(merkleRoot(CT_LEAVES.slice(0, size)))).toBe(CT_ROOTS[size]);
      expect(hex(compact.root())).toBe(CT_ROOTS[size]);
      if (size < 8) compact.append(CT_LEAVES[size] as Hash);
    }
  });

  it('keep a compact tree equal to the full one at every size', () => {
    const compact = createCompactTree();
    for (let size = 0; size <= many.length; size += 1) {
      expect(hex(compact.root())).toBe(hex(roots[size] as Hash));
      if (size < many.length) compact.append(many[size] as Hash);
    }
  });

  it('give the reference inclusion proofs, and verify them', () => {
    const cases = [
      [
        0,
        [
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        5,
        [
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
    ] as const;
    for (const [index, path] of cases) {
      expect(inclusionProof(CT_LEAVES, index, 8).map(hex)).toEqual(path);
      expect(
        verifyInclusion(CT_LEAVES[index] as Hash, index, 8, path.map(unhex), unhex(CT_ROOTS[8] as string)),
      ).toBe(true);
    }
  });

  it('give the reference consistency proofs, and verify them', () => {
    const cases = [
      [
        2,
        [
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ],
      ],
      [
        6,
        [
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ],
      ],
    ] as const;
    for (const [first, path] of cases) {
      expect(consistencyProof(CT_LEAVES, first, 8).map(hex)).toEqual(path);
      const [from, to] = [unhex(CT_ROOTS[first] as string), unhex(CT_ROOTS[8] as string)];
      expect(verifyConsistency(first, 8, from, to, path.map(unhex))).toBe(true);
    }
  });

  it('prove every leaf of every tree up to 40 leaves, and refuse altered paths', () => {
    for (let size = 1; size <= many.length; size += 1) {
      const root = roots[size] as Hash;
      for (let index = 0; index < size; index += 1) {
        const path = inclusionProof(many, index, size);
        expect(verifyInclusion(many[index] as Hash, index, size, path, root)).toBe(true);
        expect(verifyInclusion(many[(index + 1) % many.length] as Hash, index, size, path, root)).toBe(false);
        if (size > 1)
          expect(verifyInclusion(many[index] as Hash, (index + 1) % size, size, path, root)).toBe(false);
        if (path.length > 0) {
          const altered = path.map((hash) => Uint8Array.from(hash));
          (altered[0] as Hash)[0] = ((altered[0] as Hash)[0] as number) ^ 1;
          expect(verifyInclusion(many[index] as Hash, index, size, altered, root)).toBe(false);
          expect(verifyInclusion(many[index] as Hash, index, size, path.slice(1), root)).toBe(false);
          expect(verifyInclusion(many[index] as Hash, index, size, [...path, root], root)).toBe(false);
        }
      }
    }
  });

  it('prove every pair of sizes consistent up to 40 leaves, and nothing that was rewritten', () => {
    for (let second = 0; second <= many.length; second += 1) {
      for (let first = 0; first <= second; first += 1) {
        const proof = consistencyProof(many, first, second);
        const [from, to] = [roots[first] as Hash, roots[second] as Hash];
        expect(verifyConsistency(first, second, from, to, proof)).toBe(true);
        if (first > 0 && first < second) {
          // The first tree rewritten at its last leaf: no proof makes the second extend it.
          const rewritten = merkleRoot([...many.slice(0, first - 1), leafHash(Uint8Array.of(first))]);
          expect(verifyConsistency(first, second, rewritten, to, proof)).toBe(false);
          expect(verifyConsistency(first, second, from, to, proof.slice(1))).toBe(false);
          expect(verifyConsistency(second, first, to, from, proof)).toBe(false);
        }
      }
    }
  });
});
