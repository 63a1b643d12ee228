/**
 * SHA-512 (FIPS 180-4) for `sha512sum`. JavaScript has no 64-bit integers that are fast, so each
 * word is a pair of 32-bit halves (`hi`, `lo`).
 *
 * @module
 */
import { BlockHash, readWords, wordsHex } from "./block_hash.ts";

// Each constant as [hi, lo] pairs, flattened.
const K = new Int32Array(
  [
    "428a2f98d728ae22",
    "7137449123ef65cd",
    "b5c0fbcfec4d3b2f",
    "e9b5dba58189dbbc",
    "3956c25bf348b538",
    "59f111f1b605d019",
    "923f82a4af194f9b",
    "ab1c5ed5da6d8118",
    "d807aa98a3030242",
    "12835b0145706fbe",
    "243185be4ee4b28c",
    "550c7dc3d5ffb4e2",
    "72be5d74f27b896f",
    "80deb1fe3b1696b1",
    "9bdc06a725c71235",
    "c19bf174cf692694",
    "e49b69c19ef14ad2",
    "efbe4786384f25e3",
    "0fc19dc68b8cd5b5",
    "240ca1cc77ac9c65",
    "2de92c6f592b0275",
    "4a7484aa6ea6e483",
    "5cb0a9dcbd41fbd4",
    "76f988da831153b5",
    "983e5152ee66dfab",
    "a831c66d2db43210",
    "b00327c898fb213f",
    "bf597fc7beef0ee4",
    "c6e00bf33da88fc2",
    "d5a79147930aa725",
    "06ca6351e003826f",
    "142929670a0e6e70",
    "27b70a8546d22ffc",
    "2e1b21385c26c926",
    "4d2c6dfc5ac42aed",
    "53380d139d95b3df",
    "650a73548baf63de",
    "766a0abb3c77b2a8",
    "81c2c92e47edaee6",
    "92722c851482353b",
    "a2bfe8a14cf10364",
    "a81a664bbc423001",
    "c24b8b70d0f89791",
    "c76c51a30654be30",
    "d192e819d6ef5218",
    "d69906245565a910",
    "f40e35855771202a",
    "106aa07032bbd1b8",
    "19a4c116b8d2d0c8",
    "1e376c085141ab53",
    "2748774cdf8eeb99",
    "34b0bcb5e19b48a8",
    "391c0cb3c5c95a63",
    "4ed8aa4ae3418acb",
    "5b9cca4f7763e373",
    "682e6ff3d6b2b8a3",
    "748f82ee5defb2fc",
    "78a5636f43172f60",
    "84c87814a1f0ab72",
    "8cc702081a6439ec",
    "90befffa23631e28",
    "a4506cebde82bde9",
    "bef9a3f7b2c67915",
    "c67178f2e372532b",
    "ca273eceea26619c",
    "d186b8c721c0c207",
    "eada7dd6cde0eb1e",
    "f57d4f7fee6ed178",
    "06f067aa72176fba",
    "0a637dc5a2c898a6",
    "113f9804bef90dae",
    "1b710b35131c471b",
    "28db77f523047d84",
    "32caab7b40c72493",
    "3c9ebe0a15c9bebc",
    "431d67c49c100d4c",
    "4cc5d4becb3e42b6",
    "597f299cfc657e2a",
    "5fcb6fab3ad6faec",
    "6c44198c4a475817",
  ].flatMap((hex) => [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8), 16)]),
);

const INITIAL = [
  "6a09e667f3bcc908",
  "bb67ae8584caa73b",
  "3c6ef372fe94f82b",
  "a54ff53a5f1d36f1",
  "510e527fade682d1",
  "9b05688c2b3e6c1f",
  "1f83d9abfb41bd6b",
  "5be0cd19137e2179",
].flatMap((hex) => [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8), 16)]);

/** The high half of a 64-bit rotate right by `n` (0 < n < 64) of (hi, lo). */
function rotrHi(hi: number, lo: number, n: number): number {
  return n < 32 ? (hi >>> n) | (lo << (32 - n)) : (lo >>> (n - 32)) | (hi << (64 - n));
}

/** The low half of the same rotate. */
function rotrLo(hi: number, lo: number, n: number): number {
  return n < 32 ? (lo >>> n) | (hi << (32 - n)) : (hi >>> (n - 32)) | (lo << (64 - n));
}

export class Sha512 extends BlockHash {
  #h = new Int32Array(INITIAL);
  #w = new Int32Array(160);

  constructor() {
    super(128, 16, false);
  }

  protected compress(block: Uint8Array): void {
    const w = this.#w;
    readWords(block, w, 32);
    for (let i = 16; i < 80; i++) {
      const [h15, l15, h2, l2] = [w[2 * i - 30], w[2 * i - 29], w[2 * i - 4], w[2 * i - 3]];
      const s0h = rotrHi(h15, l15, 1) ^ rotrHi(h15, l15, 8) ^ (h15 >>> 7);
      const s0l = rotrLo(h15, l15, 1) ^ rotrLo(h15, l15, 8) ^ ((l15 >>> 7) | (h15 << 25));
      const s1h = rotrHi(h2, l2, 19) ^ rotrHi(h2, l2, 61) ^ (h2 >>> 6);
      const s1l = rotrLo(h2, l2, 19) ^ rotrLo(h2, l2, 61) ^ ((l2 >>> 6) | (h2 << 26));
      const lo = (w[2 * i - 31] >>> 0) + (s0l >>> 0) + (w[2 * i - 13] >>> 0) + (s1l >>> 0);
      w[2 * i] = w[2 * i - 32] + s0h + w[2 * i - 14] + s1h + Math.floor(lo / 2 ** 32);
      w[2 * i + 1] = lo;
    }
    const s = this.#h;
    let [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl] = s;
    for (let i = 0; i < 80; i++) {
      const sig1h = rotrHi(eh, el, 14) ^ rotrHi(eh, el, 18) ^ rotrHi(eh, el, 41);
      const sig1l = rotrLo(eh, el, 14) ^ rotrLo(eh, el, 18) ^ rotrLo(eh, el, 41);
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      const t1l = (hl >>> 0) + (sig1l >>> 0) + (chl >>> 0) + (K[2 * i + 1] >>> 0) +
        (w[2 * i + 1] >>> 0);
      const t1h = (hh + sig1h + chh + K[2 * i] + w[2 * i] + Math.floor(t1l / 2 ** 32)) | 0;
      const sig0h = rotrHi(ah, al, 28) ^ rotrHi(ah, al, 34) ^ rotrHi(ah, al, 39);
      const sig0l = rotrLo(ah, al, 28) ^ rotrLo(ah, al, 34) ^ rotrLo(ah, al, 39);
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (sig0l >>> 0) + (majl >>> 0);
      const t2h = (sig0h + majh + Math.floor(t2l / 2 ** 32)) | 0;
      [hh, hl, gh, gl, fh, fl] = [gh, gl, fh, fl, eh, el];
      const el2 = (dl >>> 0) + (t1l >>> 0);
      [eh, el] = [(dh + t1h + Math.floor(el2 / 2 ** 32)) | 0, el2 | 0];
      [dh, dl, ch, cl, bh, bl] = [ch, cl, bh, bl, ah, al];
      const al2 = (t1l >>> 0) + (t2l >>> 0);
      [ah, al] = [(t1h + t2h + Math.floor(al2 / 2 ** 32)) | 0, al2 | 0];
    }
    const next = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
    for (let i = 0; i < 16; i += 2) {
      const lo = (s[i + 1] >>> 0) + (next[i + 1] >>> 0);
      s[i] = s[i] + next[i] + Math.floor(lo / 2 ** 32);
      s[i + 1] = lo;
    }
  }

  protected state(): string {
    return wordsHex(this.#h);
  }
}
