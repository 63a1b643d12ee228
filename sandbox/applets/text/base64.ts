/**
 * `base64 [-d] [-w COL] [FILE]`: encodes with lines wrapped at 76 columns (0 disables), or
 * decodes ignoring newlines.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { lastValue, parseArgs, parseCount } from "../common/args.ts";
import { concatBytes } from "../common/bytes.ts";
import { die, runApplet, strerror } from "../common/errors.ts";
import { openSource } from "../common/input.ts";

export const base64 = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("base64", ctx.argv.slice(1), {
    flags: "di",
    values: "w",
    long: { decode: "d", "wrap=": "w" },
    usage: "base64 [-d] [-w COL] [FILE]",
  });
  const name = parsed.operands[0] ?? "-";
  let source;
  try {
    source = await openSource(ctx, name);
  } catch (error) {
    die(`can't open '${name}': ${strerror(error)}`);
  }
  const chunks: Uint8Array[] = [];
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    chunks.push(chunk.slice());
  }
  await source.close();
  const data = concatBytes(chunks);
  if (parsed.flags.d) {
    const text = new TextDecoder("latin1").decode(data).replace(/[\s]/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) die("invalid input");
    // Padding is optional, as busybox reads it; a dangling sixth of a byte is dropped.
    let digits = text.replace(/=+$/, "");
    if (digits.length % 4 === 1) digits = digits.slice(0, -1);
    await ctx.stdout.write(Uint8Array.fromBase64(digits));
    return 0;
  }
  const width = parseCount(lastValue(parsed, "w") ?? "76");
  const encoded = data.toBase64();
  let out = "";
  // -w 0 writes one unbroken line without a newline, as busybox does.
  if (width === 0) out = encoded;
  else for (let i = 0; i < encoded.length; i += width) out += encoded.slice(i, i + width) + "\n";
  await ctx.stdout.write(out);
  return 0;
});
