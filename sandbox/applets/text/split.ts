/**
 * `split [-l LINES] [-b SIZE] [-a SUFFIX_LEN] [FILE [PREFIX]]`: writes pieces named PREFIXaa,
 * PREFIXab, … (prefix "x" by default).
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { lastValue, parseArgs, parseCount } from "../common/args.ts";
import { latin1, unlatin1 } from "../common/bytes.ts";
import { die, runApplet, strerror } from "../common/errors.ts";
import { openSource } from "../common/input.ts";
import { parseSized } from "../common/size.ts";

function suffix(index: number, length: number): string {
  let text = "";
  let n = index;
  for (let i = 0; i < length; i++) {
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  }
  if (n > 0) die("suffixes exhausted");
  return text;
}

export const split = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("split", ctx.argv.slice(1), {
    values: "lba",
    usage: "split [OPTIONS] [INPUT [PREFIX]]",
  });
  const [input = "-", prefix = "x"] = parsed.operands;
  const bytes = lastValue(parsed, "b");
  const lines = parseCount(lastValue(parsed, "l") ?? "1000");
  const suffixLength = parseCount(lastValue(parsed, "a") ?? "2");
  let source;
  try {
    source = await openSource(ctx, input);
  } catch (error) {
    die(`${input}: ${strerror(error)}`);
  }
  let text = "";
  for (let chunk = await source.read(); chunk; chunk = await source.read()) text += latin1(chunk);
  await source.close();
  const pieces: string[] = [];
  if (bytes !== undefined) {
    const size = parseSized(bytes);
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  } else {
    const all = text.split("\n");
    const last = all.pop();
    const withNewlines = all.map((l) => l + "\n");
    if (last) withNewlines.push(last);
    for (let i = 0; i < withNewlines.length; i += lines) {
      pieces.push(withNewlines.slice(i, i + lines).join(""));
    }
  }
  for (let i = 0; i < pieces.length; i++) {
    await ctx.fs.writeFile(
      resolvePath(ctx.cwd, prefix + suffix(i, suffixLength)),
      unlatin1(pieces[i]),
    );
  }
  return 0;
});
