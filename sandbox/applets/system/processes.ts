/**
 * `ps [-o COL1,COL2=HEADER]...` over the sandbox's process table, and `watch [-n SEC] [-t]
 * PROG ARGS`, which reruns a command until signalled.
 *
 * @module
 */
import type { ProcessContext, ProcessInfo } from "../../types.ts";
import { lastValue, parseArgs, usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { BufferedWriter } from "../common/output.ts";
import { strftime, zoneFromTZ } from "../common/time.ts";
import { NameDirectory } from "../common/users.ts";
import { abortableDelay, parseDuration } from "../core/sleep.ts";

interface Column {
  header: string;
  width: number;
  right: boolean;
  value: (p: ProcessInfo, user: string) => string;
}

const COLUMNS: Record<string, Column> = {
  pid: { header: "PID", width: 5, right: true, value: (p) => String(p.pid) },
  ppid: { header: "PPID", width: 5, right: true, value: (p) => String(p.ppid) },
  user: { header: "USER", width: 8, right: false, value: (_, u) => u },
  uid: { header: "UID", width: 5, right: true, value: (p) => String(p.uid) },
  comm: {
    header: "COMMAND",
    width: 0,
    right: false,
    value: (p) => (p.args[0] ?? "").split("/").pop()!,
  },
  args: { header: "COMMAND", width: 0, right: false, value: (p) => p.args.join(" ") },
  stat: { header: "STAT", width: 4, right: false, value: (p) => p.state },
  etime: {
    header: "ELAPSED",
    width: 7,
    right: true,
    value: (p) => {
      const s = Math.max(0, Math.floor((Date.now() - p.startedMs) / 1000));
      return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    },
  },
};

export const ps = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("ps", ctx.argv.slice(1), {
    flags: "Tefawl",
    values: "o",
    usage: "ps [-o COL1,COL2=HEADER] [-T]",
  });
  const specs = (parsed.values.o ?? []).flatMap((o) => o.split(","));
  const names = new NameDirectory(ctx.fs);
  const columns: Column[] = [];
  if (specs.length === 0) columns.push(COLUMNS.pid, { ...COLUMNS.user, width: 8 }, COLUMNS.args);
  for (const spec of specs) {
    const [name, header] = spec.split("=");
    const column = COLUMNS[name];
    if (!column) {
      die(
        `bad -o argument '${name}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss`,
      );
    }
    columns.push(header !== undefined ? { ...column, header } : column);
  }
  const out = new BufferedWriter(ctx.stdout);
  const cell = (c: Column, text: string, last: boolean) =>
    last && !c.right ? text : c.right ? text.padStart(c.width) : text.padEnd(c.width);
  const defaultLayout = specs.length === 0;
  if (defaultLayout) await out.text("PID   USER     COMMAND\n");
  else {await out.text(
      columns.map((c, i) => cell(c, c.header, i === columns.length - 1)).join(" ").trimEnd() + "\n",
    );}
  for (const p of ctx.processes.list().sort((a, b) => a.pid - b.pid)) {
    const user = (await names.userName(p.uid)) ?? String(p.uid);
    if (defaultLayout) {
      await out.text(`${String(p.pid).padStart(5)} ${user.padEnd(8)} ${p.args.join(" ")}\n`);
      continue;
    }
    await out.text(
      columns.map((c, i) => cell(c, c.value(p, user), i === columns.length - 1)).join(" ") + "\n",
    );
  }
  await out.flush();
  return 0;
});

export const watch = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("watch", ctx.argv.slice(1), {
    flags: "t",
    values: "n",
    stopAtOperand: true,
    usage: "watch [-n SEC] [-t] PROG ARGS",
  });
  if (parsed.operands.length === 0) {
    usageError("watch", "missing operand", "watch [-n SEC] [-t] PROG ARGS");
  }
  const interval = parseDuration(lastValue(parsed, "n") ?? "2");
  if (interval === undefined) die(`invalid number '${lastValue(parsed, "n")}'`);
  const command = parsed.operands;
  const zone = zoneFromTZ(ctx.env.TZ);
  while (true) {
    // A terminal clear, then the header, as busybox writes them.
    let header = "\x1b[H\x1b[J";
    if (!parsed.flags.t) {
      header += `Every ${interval}s: ${command.join(" ")}`.padEnd(60) +
        strftime(Date.now(), "%a %b %e %H:%M:%S %Y", zone) + "\n\n";
    }
    await ctx.stdout.write(header);
    await ctx.spawn(["sh", "-c", command.join(" ")]);
    await abortableDelay(interval * 1000, ctx.signal);
  }
});
