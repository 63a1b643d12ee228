/**
 * Busybox is byte-oriented (C locale), so text applets work on "binary strings": one JS char per
 * byte (latin1). That keeps `tr`, `cut -c`, `wc -c` and regexes byte-exact for any input, UTF-8
 * or not. Arguments arrive as Unicode strings and are converted with {@link binary} before they
 * meet file data.
 *
 * @module
 */
// deno-lint-ignore no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Bytes → binary string (one char per byte). */
export function latin1(bytes: Uint8Array): string {
  // TextDecoder's "latin1" is windows-1252 (0x80–0x9f differ), so the chars are made here, in
  // slices small enough for an argument list. (node:buffer would cost each Worker ~2 MiB.)
  let out = "";
  for (let at = 0; at < bytes.length; at += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(at, at + 8192) as unknown as number[]);
  }
  return out;
}

/** Binary string → bytes. */
export function unlatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** A Unicode string (argv, file names) → its UTF-8 bytes as a binary string. */
export function binary(text: string): string {
  if (ASCII.test(text)) return text;
  return latin1(new TextEncoder().encode(text));
}

/** A binary string holding UTF-8 → a Unicode string (for paths built from file data). */
export function unbinary(text: string): string {
  if (ASCII.test(text)) return text;
  return new TextDecoder().decode(unlatin1(text));
}

/** Concatenates byte chunks. */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
