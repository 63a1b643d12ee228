import assert from "node:assert/strict";
import { parseDaemonArgs } from "./args.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("the documented contract parses", () => {
  const args = parseDaemonArgs(
    ["--host", "unix:///tmp/x.sock", "--data-root", "/tmp/data"],
    env({}),
  );
  assert.deepEqual(args.hosts, ["unix:///tmp/x.sock"]);
  assert.equal(args.dataRoot, "/tmp/data");
  assert.equal(args.backend, "memory");
  assert.equal(args.logLevel, "info");
});

Deno.test("--host repeats and TLS needs all three files", () => {
  const args = parseDaemonArgs(
    ["--host", "unix:///a.sock", "--host", "tcp://127.0.0.1:2376", "--data-root", "/d"],
    env({}),
  );
  assert.equal(args.hosts.length, 2);
  assert.throws(
    () => parseDaemonArgs(["--tls-cert", "c.pem", "--data-root", "/d", "--host", "unix:///a"]),
    /all of --tls-cert/,
  );
});

Deno.test("unknown flags and bad levels are refused", () => {
  assert.throws(() => parseDaemonArgs(["--frobnicate"], env({})));
  assert.throws(
    () => parseDaemonArgs(["--log-level", "loud", "--host", "unix:///a", "--data-root", "/d"]),
    /log-level/,
  );
});

Deno.test("--insecure-registry repeats and takes host or host:port only", () => {
  const args = parseDaemonArgs(
    [
      "--insecure-registry",
      "reg.local:5000",
      "--insecure-registry",
      "mirror",
      "--host",
      "unix:///a",
      "--data-root",
      "/d",
    ],
    env({}),
  );
  assert.deepEqual(args.insecureRegistries, ["reg.local:5000", "mirror"]);
  assert.throws(
    () =>
      parseDaemonArgs([
        "--insecure-registry",
        "http://x/",
        "--host",
        "unix:///a",
        "--data-root",
        "/d",
      ], env({})),
    /expected host or host:port/,
  );
});

Deno.test("--agent-listen and --agent-url: loopback as given, off loopback only behind wss://", () => {
  const parse = (...extra: string[]) =>
    parseDaemonArgs(["--host", "unix:///a.sock", "--data-root", "/d", ...extra], env({}));
  assert.deepEqual(parse("--agent-listen", "127.0.0.1:9100").agentListen, {
    hostname: "127.0.0.1",
    port: 9100,
  });
  const proxied = parse("--agent-listen", "0.0.0.0:9100", "--agent-url", "wss://a.example/agent");
  assert.deepEqual(proxied.agentListen, { hostname: "0.0.0.0", port: 9100 });
  assert.equal(proxied.agentUrl, "wss://a.example/agent");
  assert.deepEqual(parse("--agent-listen", "[::1]:9100").agentListen, {
    hostname: "::1",
    port: 9100,
  });
  assert.throws(() => parse("--agent-listen", "0.0.0.0:9100"), /needs --agent-url wss:/);
  assert.throws(
    () => parse("--agent-listen", "0.0.0.0:9100", "--agent-url", "ws://a.example/agent"),
    /needs --agent-url wss:/,
  );
  assert.throws(() => parse("--agent-listen", "9100"), /expected host:port/);
  assert.throws(() => parse("--agent-listen", "h:70000"), /expected host:port/);
  assert.throws(() => parse("--agent-url", "http://x/agent"), /ws:\/\/ or wss:\/\//);
});
