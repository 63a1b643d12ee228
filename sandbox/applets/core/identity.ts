/**
 * `id [-ugnr] [USER]`, `whoami` and `groups`: names come from the container's /etc/passwd and
 * /etc/group; supplementary groups are the groups that list the user, as Docker sets them up
 * from the image's /etc/group.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { runApplet, warn } from "../common/errors.ts";
import { NameDirectory } from "../common/users.ts";

interface Identity {
  uid: number;
  gid: number;
  user?: string;
  groups: number[];
}

async function identityOf(ctx: ProcessContext, names: NameDirectory, who?: string) {
  let uid = ctx.uid;
  let gid = ctx.gid;
  if (who !== undefined) {
    const entry = (await names.users()).find((u) => u.name === who || String(u.uid) === who);
    if (!entry) return undefined;
    uid = entry.uid;
    gid = entry.gid;
  }
  const user = await names.userName(uid);
  const groups = [gid];
  if (user !== undefined) {
    for (const group of await names.groups()) {
      if (group.members.includes(user) && !groups.includes(group.gid)) groups.push(group.gid);
    }
  }
  return { uid, gid, user, groups } satisfies Identity;
}

function named(id: number, name: string | undefined): string {
  return name === undefined ? String(id) : `${id}(${name})`;
}

export const id = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("id", ctx.argv.slice(1), {
    flags: "ugGnr",
    usage: "id [-ugGnr] [USER]",
  });
  const names = new NameDirectory(ctx.fs);
  const who = await identityOf(ctx, names, parsed.operands[0]);
  if (!who) {
    await warn(ctx, `unknown user ${parsed.operands[0]}`);
    return 1;
  }
  const f = parsed.flags;
  let line: string;
  let status = 0;
  const show = async (value: number, lookup: (n: number) => Promise<string | undefined>) => {
    if (!f.n) return String(value);
    const name = await lookup(value);
    if (name === undefined) status = 1;
    return name ?? String(value);
  };
  if (f.u) line = await show(who.uid, (n) => names.userName(n));
  else if (f.g) line = await show(who.gid, (n) => names.groupName(n));
  else if (f.G) {
    const parts: string[] = [];
    for (const g of who.groups) parts.push(await show(g, (n) => names.groupName(n)));
    line = parts.join(" ");
  } else {
    line = `uid=${named(who.uid, who.user)} gid=${named(who.gid, await names.groupName(who.gid))}`;
    const groups = [];
    for (const g of who.groups) groups.push(named(g, await names.groupName(g)));
    if (groups.length > 0) line += ` groups=${groups.join(",")}`;
  }
  await ctx.stdout.write(line + "\n");
  return status;
});

export const whoami = runApplet(async (ctx: ProcessContext) => {
  const name = await new NameDirectory(ctx.fs).userName(ctx.uid);
  if (name === undefined) {
    await warn(ctx, `unknown uid ${ctx.uid}`);
    return 1;
  }
  await ctx.stdout.write(name + "\n");
  return 0;
});

export const groups = runApplet(async (ctx: ProcessContext) => {
  const names = new NameDirectory(ctx.fs);
  const who = await identityOf(ctx, names, ctx.argv[1]);
  if (!who) {
    await warn(ctx, `unknown user ${ctx.argv[1]}`);
    return 1;
  }
  const parts = [];
  for (const g of who.groups) parts.push((await names.groupName(g)) ?? String(g));
  await ctx.stdout.write(parts.join(" ") + "\n");
  return 0;
});
