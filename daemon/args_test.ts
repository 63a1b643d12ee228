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
