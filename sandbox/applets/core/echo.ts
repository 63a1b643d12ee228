/**
 * `echo [-neE] [ARG]...`: busybox accepts options only while every letter is one of n, e, E, so
 * `echo -x` prints "-x". Exported for the shell's builtin.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { binary, unlatin1 } from "../common/bytes.ts";
import { expandEscapes } from "./escapes.ts";

export async function echo(ctx: ProcessContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (!/^-[neE]+$/.test(arg)) break;
    for (const letter of arg.slice(1)) {
      if (letter === "n") newline = false;
      else if (letter === "e") escapes = true;
      else escapes = false;
    }
  }
  let text = "";
  const words = args.slice(i);
  for (let w = 0; w < words.length; w++) {
    if (w > 0) text += " ";
    const word = binary(words[w]);
    if (!escapes) {
      text += word;
      continue;
    }
    const expanded = expandEscapes(word, true);
    text += expanded.text;
    if (expanded.stop) {
      await ctx.stdout.write(unlatin1(text));
      return 0;
    }
  }
  if (newline) text += "\n";
  await ctx.stdout.write(unlatin1(text));
  return 0;
}
