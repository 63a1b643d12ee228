/**
 * MD5 (RFC 1321) for `md5sum`.
 *
 * @module
 */
import { addInto, BlockHash, readWords } from "./block_hash.ts";

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));

export class Md5 extends BlockHash {
  #h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  #w = new Int32Array(16);

  constructor() {
    super(64, 8, true);
  }

  protected compress(block: Uint8Array): void {
    const w = this.#w;
    readWords(block, w, 16, true);
    let [a, b, c, d] = this.#h;
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const s = SHIFTS[(i >> 4) * 4 + (i % 4)];
      const x = (a + f + K[i] + w[g]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    addInto(this.#h, [a, b, c, d]);
  }

  protected state(): string {
    // MD5's digest is its words little-endian.
    let out = "";
    for (const word of this.#h) {
      for (let shift = 0; shift < 32; shift += 8) {
        out += ((word >>> shift) & 0xff).toString(16).padStart(2, "0");
      }
    }
    return out;
  }
}
