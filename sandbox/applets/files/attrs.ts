/**
 * `chmod [-Rcvf] MODE FILE...`, `chown [-RhLHPcvf] USER[:[GRP]] FILE...` and `chgrp`. Names
 * resolve through the container's /etc/passwd and /etc/group.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { resolvePath } from "../../path.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet, strerror, warn, warnErrno } from "../common/errors.ts";
import { applyMode } from "../common/modes.ts";
import { NameDirectory } from "../common/users.ts";

/** Visits `path` and, when recursive, everything below it (symlinks are not followed). */
async function walk(
  ctx: ProcessContext,
  path: string,
  recursive: boolean,
  visit: (path: string) => Promise<void>,
) {
  await visit(path);
  if (!recursive) return;
  const stat = await ctx.fs.stat(path, { follow: false });
  if (stat.kind !== "dir") return;
  for (const entry of await ctx.fs.readdir(path)) {
    await walk(ctx, `${path === "/" ? "" : path}/${entry.name}`, true, visit);
  }
}

export const chmod = runApplet(async (ctx: ProcessContext) => {
  // Modes like "-x" look like options: take them as the mode when they parse as one.
  const args = ctx.argv.slice(1);
  const flagArgs: string[] = [];
  const rest: string[] = [];
  for (const arg of args) {
    if (rest.length === 0 && /^-[Rcvf]+$/.test(arg)) flagArgs.push(arg);
    else rest.push(arg);
  }
  const parsed = parseArgs("chmod", flagArgs, {
    flags: "Rcvf",
    usage: "chmod [-Rcvf] MODE[,MODE]... FILE...",
  });
  if (rest[0] === "--") rest.shift();
  const [modeText, ...files] = rest;
  if (modeText === undefined || files.length === 0) {
    usageError("chmod", "missing operand", "chmod [-Rcvf] MODE[,MODE]... FILE...");
  }
  let status = 0;
  for (const name of files) {
    const top = resolvePath(ctx.cwd, name);
    try {
      await walk(ctx, top, !!parsed.flags.R, async (path) => {
        const stat = await ctx.fs.stat(path, { follow: path === top });
        if (stat.kind === "symlink") return;
        const mode = applyMode(modeText, stat.mode, stat.kind === "dir", ctx.umask);
        if (mode === undefined) die(`invalid mode '${modeText}'`);
        await ctx.fs.chmod(path, mode);
        if (parsed.flags.v || (parsed.flags.c && mode !== stat.mode)) {
          await ctx.stdout.write(
            `mode of '${path === top ? name : path}' changed to ${
              mode.toString(8).padStart(4, "0")
            }\n`,
          );
        }
      });
    } catch (error) {
      if (error instanceof Error && error.name === "AppletExit") throw error;
      if (!parsed.flags.f) await warn(ctx, `${name}: ${strerror(error)}`);
      status = 1;
    }
  }
  return status;
});

async function changeOwner(ctx: ProcessContext, applet: "chown" | "chgrp"): Promise<number> {
  const parsed = parseArgs(applet, ctx.argv.slice(1), {
    flags: "RhLHPcvf",
    long: { recursive: "R", "no-dereference": "h", verbose: "v", silent: "f", quiet: "f" },
    usage: `${applet} [-RhLHPcvf] ${applet === "chown" ? "USER[:[GRP]]" : "GROUP"} FILE...`,
  });
  const [spec, ...files] = parsed.operands;
  if (spec === undefined || files.length === 0) {
    usageError(applet, "missing operand", `${applet} OWNER FILE...`);
  }
  const names = new NameDirectory(ctx.fs);
  let uid: number | undefined;
  let gid: number | undefined;
  if (applet === "chgrp") {
    gid = await names.gidOf(spec);
    if (gid === undefined) die(`unknown group ${spec}`);
  } else {
    const m = /^([^:.]*)(?:[:.](.*))?$/.exec(spec)!;
    if (m[1] !== "") {
      uid = await names.uidOf(m[1]);
      if (uid === undefined) die(`unknown user ${m[1]}`);
    }
    if (m[2] !== undefined && m[2] !== "") {
      gid = await names.gidOf(m[2]);
      if (gid === undefined) die(`unknown group ${m[2]}`);
    } else if (m[2] === "" && uid !== undefined) {
      // "user:" means the user's login group.
      gid = (await names.users()).find((u) => u.uid === uid)?.gid;
    }
  }
  let status = 0;
  for (const name of files) {
    const top = resolvePath(ctx.cwd, name);
    try {
      await walk(ctx, top, !!parsed.flags.R, async (path) => {
        const follow = path === top && !parsed.flags.h;
        const stat = await ctx.fs.stat(path, { follow });
        await ctx.fs.chown(path, uid ?? stat.uid, gid ?? stat.gid, { follow });
        if (parsed.flags.v) await ctx.stdout.write(`changed ownership of '${name}'\n`);
      });
    } catch (error) {
      if (!parsed.flags.f) await warnErrno(ctx, name, error);
      status = 1;
    }
  }
  return status;
}

export const chown = runApplet((ctx) => changeOwner(ctx, "chown"));
export const chgrp = runApplet((ctx) => changeOwner(ctx, "chgrp"));
