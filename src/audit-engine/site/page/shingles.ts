// Near-duplicate detection by resemblance of word 3-shingle sets (Broder, "On the resemblance and
// containment of documents", 1997), estimated with a 64-value MinHash signature: the share of
// positions where two signatures agree estimates the Jaccard similarity of the shingle sets
// (standard error about 0.06). Chosen over SimHash, whose 64-bit fingerprints of short pages
// (a few hundred words) move by several bits when only a heading changes. Small enough to write
// here (see ADR 0015); the signature is compared only across the pages of one audit.

const SHINGLE = 3;
/** Words read per page: the start of a very long page decides whether it is a copy. */
const MAX_WORDS = 20_000;
export const SIGNATURE_SIZE = 64;

/** 32-bit FNV-1a with a murmur3 finaliser, seeded: short inputs mix poorly without the finaliser. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export const words = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);

/**
 * The MinHash signature of a text's word 3-shingles: for each of 64 hash functions
 * (h1 + k·h2, Kirsch and Mitzenmacher's double hashing) the least value over all shingles.
 * Undefined when the text has fewer words than one shingle.
 */
export function minhashSignature(text: string): number[] | undefined {
  const tokens = words(text);
  if (tokens.length < SHINGLE) return undefined;
  const mins = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  const seen = new Set<string>();
  for (let i = 0; i + SHINGLE <= tokens.length; i++) {
    const shingle = tokens.slice(i, i + SHINGLE).join(' ');
    if (seen.has(shingle)) continue;
    seen.add(shingle);
    const h1 = hash32(shingle, 0);
    const h2 = hash32(shingle, 0x9e3779b9) | 1;
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const value = (h1 + Math.imul(k, h2)) >>> 0;
      if (value < (mins[k] as number)) mins[k] = value;
    }
  }
  return mins;
}

/** Estimated Jaccard similarity of the two shingle sets, 0..1. */
export function resemblance(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** Pages whose shingle sets overlap this much are near duplicates (Broder's "roughly the same"). */
export const NEAR_DUPLICATE_RESEMBLANCE = 0.8;
