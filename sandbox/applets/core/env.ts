/**
 * `env [-i] [-u NAME]... [NAME=VALUE]... [PROG ARGS]` and `printenv [NAME]...`.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { binary } from "../common/bytes.ts";
import { runApplet, warn } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";

const USAGE = "env [-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]";

async function printEnvironment(ctx: ProcessContext, env: Record<string, string>) {
  const out = new BufferedWriter(ctx.stdout);
  for (const [name, value] of Object.entries(env)) await out.write(binary(`${name}=${value}\n`));
  await out.flush();
}

export const env = runApplet(async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  const parsed = parseArgs("env", args, {
    flags: "i0",
    values: "u",
    long: { "ignore-environment": "i", "unset=": "u", "null": "0" },
    stopAtOperand: true,
    usage: USAGE,
  });
  let rest = parsed.operands;
  let clear = !!parsed.flags.i;
  if (rest[0] === "-") {
    clear = true;
    rest = rest.slice(1);
  }
  const environment: Record<string, string> = clear ? {} : { ...ctx.env };
  for (const name of parsed.values.u ?? []) delete environment[name];
  while (rest.length > 0 && /^[^=]+=/.test(rest[0])) {
    const assignment = rest.shift()!;
    const eq = assignment.indexOf("=");
    environment[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  if (rest.length === 0) {
    await printEnvironment(ctx, environment);
    return 0;
  }
  try {
    return await ctx.spawn(rest, { env: environment });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    await warn(
      ctx,
      `can't execute '${rest[0]}': ${error instanceof Error ? error.message : error}`,
    );
    return 127;
  }
});

export async function printenv(ctx: ProcessContext): Promise<number> {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    await printEnvironment(ctx, ctx.env);
    return 0;
  }
  const out = new BufferedWriter(ctx.stdout);
  let status = 0;
  for (const name of names) {
    const value = ctx.env[name];
    if (value === undefined) status = 1;
    else await out.write(binary(value + "\n"));
  }
  await out.flush();
  return status;
}
