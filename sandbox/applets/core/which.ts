/**
 * `which [-a] COMMAND...`: searches $PATH in the container filesystem for executable files.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs } from "../common/args.ts";
import { runApplet } from "../common/errors.ts";

async function isExecutable(ctx: ProcessContext, path: string): Promise<boolean> {
  try {
    const stat = await ctx.fs.stat(path);
    return stat.kind === "file" && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export const which = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("which", ctx.argv.slice(1), {
    flags: "a",
    usage: "which [-a] COMMAND...",
  });
  const dirs = (ctx.env.PATH ?? "/sbin:/usr/sbin:/bin:/usr/bin").split(":");
  let status = 0;
  const found: string[] = [];
  for (const name of parsed.operands) {
    let any = false;
    if (name.includes("/")) {
      if (await isExecutable(ctx, resolvePath(ctx.cwd, name))) {
        found.push(name);
        any = true;
      }
    } else {
      for (const dir of dirs) {
        const candidate = `${dir === "" ? "." : dir}/${name}`;
        if (await isExecutable(ctx, resolvePath(ctx.cwd, candidate))) {
          found.push(candidate);
          any = true;
          if (!parsed.flags.a) break;
        }
      }
    }
    if (!any) status = 1;
  }
  if (found.length > 0) await ctx.stdout.write(found.join("\n") + "\n");
  return status;
});
