/**
 * `nslookup NAME` and `ping [-c N] HOST`. Names are answered by the backend (the DNS server of
 * the container's networks). ICMP cannot exist in the sandbox, so `ping` says what it truthfully
 * can: where the name resolves and whether that address is reachable on the virtual network;
 * it sends no echo requests and prints no round-trip times.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { stackOf } from "./socket_io.ts";

export const nslookup = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("nslookup", ctx.argv.slice(1), { usage: "nslookup HOST [DNS_SERVER]" });
  if (parsed.operands.length < 1 || parsed.operands.length > 2) {
    usageError("nslookup", "need a host", "nslookup HOST [DNS_SERVER]");
  }
  if (parsed.operands[1]) die("querying another DNS server is not possible in the sandbox");
  const net = stackOf(ctx);
  const name = parsed.operands[0];
  await ctx.stdout.write(`Server:\t\t${net.nameserver}\nAddress:\t${net.nameserver}:53\n\n`);
  const addresses = await net.resolve(name, ctx.signal).catch((e) => {
    if (ctx.signal.aborted) throw e;
    return [];
  });
  if (!addresses.length) {
    await ctx.stdout.write(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  await ctx.stdout.write(
    `Non-authoritative answer:\nName:\t${name}\n${
      addresses.map((a) => `Address: ${a}\n`).join("")
    }\n`,
  );
  return 0;
});

export const ping = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("ping", ctx.argv.slice(1), {
    flags: "qn46",
    values: "cwWsiIt",
    usage: "ping [OPTIONS] HOST",
  });
  if (parsed.operands.length !== 1) usageError("ping", "need a host", "ping [OPTIONS] HOST");
  const host = parsed.operands[0];
  const net = stackOf(ctx);
  const [address] = await net.resolve(host, ctx.signal).catch((e) => {
    if (ctx.signal.aborted) throw e;
    return die(`bad address '${host}'`);
  });
  const reachable = await net.reachable(address, ctx.signal);
  await ctx.stdout.write(
    `PING ${host} (${address}): ICMP is not available in the sandbox, no echo requests sent; ` +
      `${address} is ${reachable ? "reachable" : "unreachable"} on the virtual network\n`,
  );
  return reachable ? 0 : 1;
});
