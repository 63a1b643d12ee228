/**
 * `hexdump [-bcCdovx] [-n LEN] [-s OFS] [FILE]...` and `xxd [-pirU] [-g N] [-c N] [-l LEN]
 * [-s OFS] [FILE]`: the two hex-dump layouts busybox offers.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { lastValue, parseArgs } from "../common/args.ts";
import { concatBytes, latin1 } from "../common/bytes.ts";
import { runApplet, strerror, warn } from "../common/errors.ts";
import { forEachSource } from "../common/input.ts";
import { BufferedWriter } from "../common/output.ts";
import { parseSized } from "../common/size.ts";

async function readInputs(ctx: ProcessContext, operands: string[]): Promise<[Uint8Array, number]> {
  const chunks: Uint8Array[] = [];
  let status = 0;
  await forEachSource(ctx, operands, async (source) => {
    for (let chunk = await source.read(); chunk; chunk = await source.read()) {
      chunks.push(chunk.slice());
    }
  }, async (name, error) => {
    await warn(ctx, `${name}: ${strerror(error)}`);
    status = 1;
  });
  return [concatBytes(chunks), status];
}

const printable = (b: number) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".");
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

export const hexdump = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("hexdump", ctx.argv.slice(1), {
    flags: "bcCdovx",
    values: "nsef",
    usage: "hexdump [-bcdoxCv] [-n LEN] [-s OFS] [FILE]...",
  });
  const f = parsed.flags;
  let [data, status] = await readInputs(ctx, parsed.operands);
  const skip = parsed.values.s ? parseSized(lastValue(parsed, "s")!) : 0;
  data = data.subarray(skip);
  if (parsed.values.n) data = data.subarray(0, parseSized(lastValue(parsed, "n")!));
  const out = new BufferedWriter(ctx.stdout);
  let previous = "";
  let starred = false;
  const canonical = !!f.C;
  for (let offset = 0; offset < data.length; offset += 16) {
    const line = data.subarray(offset, offset + 16);
    const key = latin1(line);
    if (!f.v && key === previous && line.length === 16) {
      if (!starred) await out.write("*\n");
      starred = true;
      continue;
    }
    previous = key;
    starred = false;
    const at = skip + offset;
    if (canonical) {
      let cells = "";
      for (let i = 0; i < 16; i++) {
        cells += (i === 8 ? " " : "") + (i < line.length ? hex(line[i], 2) + " " : "   ");
      }
      await out.write(`${hex(at, 8)}  ${cells} |${Array.from(line, printable).join("")}|\n`);
    } else if (f.c || f.b) {
      let cells = "";
      for (let i = 0; i < 16; i++) {
        if (i >= line.length) {
          cells += "    ";
          continue;
        }
        const b = line[i];
        const esc: Record<number, string> = {
          0: "\\0",
          7: "\\a",
          8: "\\b",
          9: "\\t",
          10: "\\n",
          11: "\\v",
          12: "\\f",
          13: "\\r",
        };
        cells += " " +
          (f.b ? b.toString(8).padStart(3, "0") : (esc[b] ??
            (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, "0")))
            .padStart(3));
      }
      await out.write(`${hex(at, 7)}${cells}\n`);
    } else {
      let cells = "";
      for (let i = 0; i < 16; i += 2) {
        if (i >= line.length) {
          cells += f.d ? "        " : f.o ? "       " : "     ";
          continue;
        }
        const word = line[i] | ((line[i + 1] ?? 0) << 8);
        if (f.d) cells += "   " + String(word).padStart(5, "0");
        else if (f.o) cells += "  " + word.toString(8).padStart(6, "0");
        else cells += " " + hex(word, 4);
      }
      await out.write(`${hex(at, 7)}${cells}\n`);
    }
  }
  if (data.length > 0 || skip > 0) {
    await out.write(`${hex(skip + data.length, canonical ? 8 : 7)}\n`);
  }
  await out.flush();
  return status;
});

export const xxd = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("xxd", ctx.argv.slice(1), {
    flags: "pirUu",
    values: "gclsno",
    usage: "xxd [-pri] [-g N] [-c N] [-l LEN] [-s OFS] [FILE]",
  });
  const f = parsed.flags;
  let [data, status] = await readInputs(ctx, parsed.operands.slice(0, 1));
  const out = new BufferedWriter(ctx.stdout);
  if (f.r) {
    const text = latin1(data).replace(/[^0-9a-fA-F]/g, "");
    const bytes = new Uint8Array(Math.floor(text.length / 2));
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
    await out.bytes(bytes);
    await out.flush();
    return status;
  }
  const skip = parsed.values.s ? parseSized(lastValue(parsed, "s")!) : 0;
  data = data.subarray(skip);
  const length = lastValue(parsed, "l") ?? lastValue(parsed, "n");
  if (length !== undefined) data = data.subarray(0, parseSized(length));
  const upper = (s: string) => (f.u ? s.toUpperCase() : s);
  if (f.p) {
    const cols = Number(lastValue(parsed, "c") ?? "30");
    for (let i = 0; i < data.length; i += cols) {
      await out.write(
        upper(Array.from(data.subarray(i, i + cols), (b) => hex(b, 2)).join("")) + "\n",
      );
    }
  } else if (f.i) {
    const cols = Number(lastValue(parsed, "c") ?? "12");
    for (let i = 0; i < data.length; i += cols) {
      await out.write(
        "  " + Array.from(data.subarray(i, i + cols), (b) => upper(`0x${hex(b, 2)}`)).join(", ") +
          (i + cols < data.length ? ",\n" : "\n"),
      );
    }
  } else {
    const cols = Number(lastValue(parsed, "c") ?? "16");
    const group = Number(lastValue(parsed, "g") ?? "2") || cols;
    const displayOffset = Number(lastValue(parsed, "o") ?? "0");
    const hexWidth = cols * 2 + Math.ceil(cols / group) - 1;
    for (let i = 0; i < data.length; i += cols) {
      const line = data.subarray(i, i + cols);
      let cells = "";
      for (let j = 0; j < line.length; j++) {
        cells += (j > 0 && j % group === 0 ? " " : "") + upper(hex(line[j], 2));
      }
      await out.write(
        `${hex(skip + displayOffset + i, 8)}: ${cells.padEnd(hexWidth)}  ${
          Array.from(line, printable).join("")
        }\n`,
      );
    }
  }
  await out.flush();
  return status;
});
