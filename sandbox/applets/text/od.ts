/**
 * `od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-w WIDTH] [FILE]...`: dumps bytes
 * as octal/hex/decimal words or characters, 16 bytes a line, folding repeated lines into "*"
 * unless -v.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { lastValue, parseArgs } from "../common/args.ts";
import { concatBytes } from "../common/bytes.ts";
import { die, runApplet, strerror, warn } from "../common/errors.ts";
import { forEachSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { parseSized } from "../common/size.ts";

interface Format {
  kind: "o" | "x" | "d" | "u" | "c" | "a";
  size: number;
}

const WIDTH: Record<string, number> = {
  o1: 3,
  o2: 6,
  o4: 11,
  o8: 22,
  x1: 2,
  x2: 4,
  x4: 8,
  x8: 16,
  d1: 4,
  d2: 6,
  d4: 11,
  d8: 20,
  u1: 3,
  u2: 5,
  u4: 10,
  u8: 20,
};

const CHAR_ESCAPES: Record<number, string> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};
const NAMED = [
  "nul",
  "soh",
  "stx",
  "etx",
  "eot",
  "enq",
  "ack",
  "bel",
  "bs",
  "ht",
  "nl",
  "vt",
  "ff",
  "cr",
  "so",
  "si",
  "dle",
  "dc1",
  "dc2",
  "dc3",
  "dc4",
  "nak",
  "syn",
  "etb",
  "can",
  "em",
  "sub",
  "esc",
  "fs",
  "gs",
  "rs",
  "us",
  "sp",
];

function parseType(text: string): Format[] {
  const formats: Format[] = [];
  const re = /([oxduca])(\d*|[CSIL])?/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) die(`invalid type string '${text}'`);
    const kind = m[1] as Format["kind"];
    const sizeText = m[2] ?? "";
    const size = kind === "c" || kind === "a"
      ? 1
      : sizeText === ""
      ? (kind === "x" || kind === "o" || kind === "d" || kind === "u" ? 4 : 1)
      : ({ C: 1, S: 2, I: 4, L: 8 } as Record<string, number>)[sizeText] ?? Number(sizeText);
    if (![1, 2, 4, 8].includes(size)) {
      die(`invalid type string '${text}'; ${size}-byte integral type is not supported`);
    }
    formats.push({ kind, size });
    pos = re.lastIndex;
  }
  return formats;
}

function render(bytes: Uint8Array, format: Format): string {
  let out = "";
  if (format.kind === "c" || format.kind === "a") {
    for (const b of bytes) {
      let cell: string;
      if (format.kind === "a") {
        cell = b === 127
          ? "del"
          : (b & 0x7f) <= 32
          ? NAMED[b & 0x7f]
          : String.fromCharCode(b & 0x7f);
      } else {cell = CHAR_ESCAPES[b] ??
          (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, "0"));}
      out += " " + cell.padStart(3);
    }
    return out;
  }
  const width = WIDTH[format.kind + format.size];
  const padded = new Uint8Array(Math.ceil(bytes.length / format.size) * format.size);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  for (let i = 0; i < padded.length; i += format.size) {
    let value: bigint;
    if (format.size === 1) value = BigInt(format.kind === "d" ? view.getInt8(i) : view.getUint8(i));
    else if (format.size === 2) {
      value = BigInt(format.kind === "d" ? view.getInt16(i, true) : view.getUint16(i, true));
    } else if (format.size === 4) {
      value = BigInt(format.kind === "d" ? view.getInt32(i, true) : view.getUint32(i, true));
    } else value = format.kind === "d" ? view.getBigInt64(i, true) : view.getBigUint64(i, true);
    const radix = format.kind === "o" ? 8 : format.kind === "x" ? 16 : 10;
    let text = value.toString(radix);
    if (radix !== 10) text = text.padStart(width, "0");
    out += " " + text.padStart(width);
  }
  return out;
}

export const od = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("od", ctx.argv.slice(1), {
    flags: "abcdfhilovxsB",
    values: "tANjwS",
    usage: "od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [FILE]...",
  });
  const f = parsed.flags;
  const formats: Format[] = [];
  for (const t of parsed.values.t ?? []) formats.push(...parseType(t));
  if (f.a) formats.push({ kind: "a", size: 1 });
  if (f.b) formats.push({ kind: "o", size: 1 });
  if (f.c) formats.push({ kind: "c", size: 1 });
  if (f.d) formats.push({ kind: "u", size: 2 });
  if (f.o || f.B) formats.push({ kind: "o", size: 2 });
  if (f.x || f.h) formats.push({ kind: "x", size: 2 });
  if (f.i) formats.push({ kind: "d", size: 4 });
  if (f.l) formats.push({ kind: "d", size: 8 });
  if (f.s) formats.push({ kind: "d", size: 2 });
  if (formats.length === 0) formats.push({ kind: "o", size: 2 });
  const radix = lastValue(parsed, "A") ?? "o";
  if (!"doxn".includes(radix) || radix.length !== 1) {
    die(`bad output address radix '${radix}' (must be one of 'doxn')`);
  }
  const offsetText = (n: number) =>
    radix === "n"
      ? ""
      : radix === "d"
      ? String(n).padStart(7, "0")
      : radix === "x"
      ? n.toString(16).padStart(6, "0")
      : n.toString(8).padStart(7, "0");
  const skip = parsed.values.j ? parseSized(lastValue(parsed, "j")!) : 0;
  const limit = parsed.values.N ? parseSized(lastValue(parsed, "N")!) : Infinity;
  const perLine = Number(lastValue(parsed, "w") ?? "16");
  const chunks: Uint8Array[] = [];
  let status = 0;
  await forEachSource(ctx, parsed.operands, async (source) => {
    for (let chunk = await source.read(); chunk; chunk = await source.read()) {
      chunks.push(chunk.slice());
    }
  }, async (name, error) => {
    await warn(ctx, `${name}: ${strerror(error)}`);
    status = 1;
  });
  let data = concatBytes(chunks).subarray(skip);
  if (limit !== Infinity) data = data.subarray(0, limit);
  const out = new BufferedWriter(ctx.stdout);
  let previous = "";
  let starred = false;
  for (let offset = 0; offset < data.length; offset += perLine) {
    const line = data.subarray(offset, offset + perLine);
    const key = Array.from(line).join(",");
    if (!f.v && key === previous && line.length === perLine) {
      if (!starred) await out.write("*\n");
      starred = true;
      continue;
    }
    previous = key;
    starred = false;
    for (let i = 0; i < formats.length; i++) {
      const prefix = i === 0 ? offsetText(skip + offset) : " ".repeat(offsetText(0).length);
      await out.write(prefix + render(line, formats[i]) + "\n");
    }
  }
  if (radix !== "n") await out.write(offsetText(skip + data.length) + "\n");
  await out.flush();
  return status;
});
