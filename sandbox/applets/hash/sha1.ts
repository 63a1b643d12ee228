/**
 * SHA-1 (FIPS 180-4) for `sha1sum`.
 *
 * @module
 */
import { addInto, BlockHash, readWords, wordsHex } from "./block_hash.ts";

export class Sha1 extends BlockHash {
  #h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  #w = new Int32Array(80);

  constructor() {
    super(64, 8, false);
  }

  protected compress(block: Uint8Array): void {
    const w = this.#w;
    readWords(block, w, 16);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = this.#h;
    for (let i = 0; i < 80; i++) {
      let f: number, k: number;
      if (i < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999];
      else if (i < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1];
      else if (i < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
      else [f, k] = [b ^ c ^ d, 0xca62c1d6];
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    addInto(this.#h, [a, b, c, d, e]);
  }

  protected state(): string {
    return wordsHex(this.#h);
  }
}
