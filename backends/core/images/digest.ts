/**
 * SHA-256 content digests computed incrementally while bytes stream past, so a blob is never
 * buffered whole to be verified.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { InvalidParameter } from "../errors.ts";

const digestPattern = /^sha256:[a-f0-9]{64}$/;

/** Throws unless `digest` is a well-formed `sha256:<64 hex>` digest (the only one we store). */
export function assertDigest(digest: string): string {
  if (!digestPattern.test(digest)) {
    throw new InvalidParameter(`unsupported or malformed digest ${JSON.stringify(digest)}`);
  }
  return digest;
}

/** The digest of some bytes. */
export function digestOf(bytes: Uint8Array | string): string {
  return "sha256:" + createHash("sha256").update(bytes).digest("hex");
}

/** The hex part of a digest: `sha256:abc…` → `abc…`. */
export function digestHex(digest: string): string {
  return assertDigest(digest).slice("sha256:".length);
}

/** Docker's short ID: the first 12 hex characters of a digest. */
export function shortId(digest: string): string {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}

/**
 * A pass-through stream that hashes and counts what flows through it; read `digest()` and
 * `size` once the stream has ended.
 *
 * @example
 * ```ts
 * const hashing = new DigestStream();
 * await new Response(blob.stream().pipeThrough(hashing)).arrayBuffer();
 * hashing.digest(); // "sha256:…"
 * ```
 */
export class DigestStream extends TransformStream<Uint8Array, Uint8Array> {
  #hash: Hash;
  #counter: { size: number };
  #digest?: string;

  constructor() {
    const hash = createHash("sha256");
    const counter = { size: 0 };
    super({
      transform(chunk, controller) {
        hash.update(chunk);
        counter.size += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    this.#hash = hash;
    this.#counter = counter;
  }

  /** Bytes seen so far. */
  get size(): number {
    return this.#counter.size;
  }

  /** The digest of everything that passed; call only after the stream ended. */
  digest(): string {
    this.#digest ??= "sha256:" + this.#hash.digest("hex");
    return this.#digest;
  }
}
