/**
 * The Merkle–Damgård frame MD5 and the SHA family share: input is buffered into fixed blocks,
 * each block is compressed into the state, and the last block carries the bit length. Applets
 * feed data as it streams, so large inputs never sit in memory whole. (node:crypto would do
 * this natively, but importing it costs each container Worker ~4 MiB of Node compatibility.)
 *
 * @module
 */

/** An incremental digest: feed bytes, then read the hex digest once. */
export interface Digest {
  update(bytes: Uint8Array): void;
  hex(): string;
}

/** Buffers input into `blockSize` blocks for a compression function. */
export abstract class BlockHash implements Digest {
  readonly #block: Uint8Array;
  #used = 0;
  #length = 0;

  constructor(
    readonly blockSize: 64 | 128,
    /** Bytes the message length takes at the end of the last block (8 or 16). */
    readonly lengthBytes: 8 | 16,
    /** MD5 writes the length little-endian, the SHA family big-endian. */
    readonly littleEndian: boolean,
  ) {
    this.#block = new Uint8Array(blockSize);
  }

  /** Mixes one full block into the state. */
  protected abstract compress(block: Uint8Array): void;
  /** The state as hex, after the final block. */
  protected abstract state(): string;

  update(bytes: Uint8Array): void {
    this.#length += bytes.length;
    let offset = 0;
    if (this.#used > 0) {
      const n = Math.min(bytes.length, this.blockSize - this.#used);
      this.#block.set(bytes.subarray(0, n), this.#used);
      this.#used += n;
      offset = n;
      if (this.#used < this.blockSize) return;
      this.compress(this.#block);
      this.#used = 0;
    }
    for (; offset + this.blockSize <= bytes.length; offset += this.blockSize) {
      this.compress(bytes.subarray(offset, offset + this.blockSize));
    }
    this.#block.set(bytes.subarray(offset), 0);
    this.#used = bytes.length - offset;
  }

  hex(): string {
    const bits = this.#length * 8;
    const tail = new Uint8Array(
      (this.#used + 1 + this.lengthBytes <= this.blockSize ? 1 : 2) * this.blockSize - this.#used,
    );
    tail[0] = 0x80;
    // The bit length as a 64-bit number (inputs here are far below 2^53 bits).
    const high = Math.floor(bits / 2 ** 32);
    const low = bits >>> 0;
    const view = new DataView(tail.buffer);
    if (this.littleEndian) {
      view.setUint32(tail.length - 8, low, true);
      view.setUint32(tail.length - 4, high, true);
    } else {
      view.setUint32(tail.length - 8, high);
      view.setUint32(tail.length - 4, low);
    }
    this.update(tail);
    return this.state();
  }
}

/** Reads `count` 32-bit words of `block` into `words`, big-endian (MD5 reads little-endian). */
export function readWords(block: Uint8Array, words: Int32Array, count: number, little = false) {
  for (let i = 0, j = 0; i < count; i++, j += 4) {
    words[i] = little
      ? block[j] | block[j + 1] << 8 | block[j + 2] << 16 | block[j + 3] << 24
      : block[j] << 24 | block[j + 1] << 16 | block[j + 2] << 8 | block[j + 3];
  }
}

/** Adds a block's working variables into the chaining state, word by word (mod 2^32). */
export function addInto(state: Int32Array, values: number[]): void {
  for (let i = 0; i < values.length; i++) state[i] += values[i];
}

/** Hex of 32-bit words, big-endian within each word. */
export function wordsHex(words: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < words.length; i++) out += (words[i] >>> 0).toString(16).padStart(8, "0");
  return out;
}
