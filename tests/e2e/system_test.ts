/**
 * The daemon core through real clients: the docker CLI 28 for version, info, system df and
 * events; raw HTTP on the socket for the error contract and bad input.
 */
import assert from "node:assert/strict";
import { docker, rawRequest, startTestDaemon } from "./harness.ts";

Deno.test("the docker CLI talks to the daemon core", async (t) => {
  const daemon = await startTestDaemon();
  try {
    await t.step("docker version negotiates our API version", async () => {
      const out = await docker(daemon, [
        "version",
        "--format",
        "{{.Server.APIVersion}} {{.Server.Os}}",
      ]);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout.trim(), "1.44 linux");
    });

    await t.step("docker info is truthful about host and backend", async () => {
      const out = await docker(daemon, [
        "info",
        "--format",
        "{{.NCPU}}|{{.MemTotal}}|{{.Name}}|{{.DefaultRuntime}}|{{json .Labels}}",
      ]);
      assert.equal(out.code, 0, out.stderr);
      const [ncpu, mem, name, runtime, labels] = out.stdout.trim().split("|");
      assert.equal(Number(ncpu), navigator.hardwareConcurrency);
      assert.equal(Number(mem), Deno.systemMemoryInfo().total);
      assert.equal(name, Deno.hostname());
      assert.equal(runtime, "sockerless-sandbox");
      assert.deepEqual(JSON.parse(labels), ["io.sockerless.backend=memory"]);
    });

    await t.step("docker system df answers", async () => {
      const out = await docker(daemon, ["system", "df"]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /^TYPE\s+TOTAL\s+ACTIVE/);
    });

    await t.step("docker events with an until in the past replays and exits", async () => {
      const now = Math.floor(Date.now() / 1000);
      const out = await docker(daemon, [
        "events",
        "--since",
        String(now - 60),
        "--until",
        String(now),
      ]);
      assert.equal(out.code, 0, out.stderr);
    });

    await t.step("docker events rejects an unknown filter with the daemon's 400", async () => {
      const out = await docker(daemon, ["events", "--filter", "colour=red", "--until", "0"]);
      assert.notEqual(out.code, 0);
      assert.match(out.stderr, /invalid filter 'colour'/);
    });

    await t.step("unknown routes and wrong methods are 404 page not found", async () => {
      for (const line of ["GET /v1.44/nowhere", "DELETE /_ping", "PUT /version"]) {
        const reply = await rawRequest(
          daemon.socket,
          `${line} HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n`,
        );
        assert.match(reply, /^HTTP\/1\.1 404 Not Found\r\n/);
        assert.match(reply, /\{"message":"page not found"\}$/);
      }
    });

    await t.step("versions outside the range are 400 with moby's words", async () => {
      const old = await rawRequest(
        daemon.socket,
        "GET /v0.1/info HTTP/1.1\r\nConnection: close\r\n\r\n",
      );
      assert.match(old, /^HTTP\/1\.1 400 /);
      assert.match(old, /client version 0\.1 is too old/);
      const young = await rawRequest(
        daemon.socket,
        "GET /v99.0/info HTTP/1.1\r\nConnection: close\r\n\r\n",
      );
      assert.match(young, /client version 99\.0 is too new/);
    });

    await t.step("swarm routes say what is not supported", async () => {
      const out = await docker(daemon, ["swarm", "init"]);
      assert.notEqual(out.code, 0);
      assert.match(out.stderr, /Swarm mode is not supported/);
    });

    await t.step("bad input never takes the daemon down", async () => {
      const bad = [
        "NOT HTTP AT ALL\r\n\r\n",
        "GET /_ping HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /v1.44/events HTTP/1.1\r\nContent-Length: 5\r\n\r\n{",
        `GET /_ping HTTP/1.1\r\nX: ${"y".repeat(2 << 20)}\r\n\r\n`,
        "GET /events?since=soon HTTP/1.1\r\nConnection: close\r\n\r\n",
        "GET /events?filters=%7B HTTP/1.1\r\nConnection: close\r\n\r\n",
      ];
      for (const request of bad) {
        const reply = await rawRequest(daemon.socket, request, {
          timeoutMs: 2000,
          halfClose: true,
        });
        assert.ok(
          reply === "" || /^HTTP\/1\.1 4\d\d /.test(reply),
          `${request.slice(0, 40)} → ${reply.slice(0, 80)}`,
        );
      }
      // A request cut off half-way, then the connection dropped.
      const conn = await Deno.connect({ transport: "unix", path: daemon.socket });
      await conn.write(new TextEncoder().encode("POST /containers/create HTTP/1.1\r\nContent-Le"));
      conn.close();
      assert.ok(daemon.alive());
      const out = await docker(daemon, ["version", "--format", "{{.Server.APIVersion}}"]);
      assert.equal(out.stdout.trim(), "1.44");
    });

    await t.step("the socket is mode 0660", async () => {
      const info = await Deno.stat(daemon.socket);
      assert.equal(info.mode! & 0o777, 0o660);
    });
  } finally {
    await daemon.stop();
  }
});

Deno.test("--insecure-registry shows in docker info as a registry reached without TLS", async () => {
  const daemon = await startTestDaemon(["--insecure-registry", "registry.test:5000"]);
  try {
    const out = await docker(daemon, ["info", "--format", "{{json .RegistryConfig.IndexConfigs}}"]);
    assert.equal(out.code, 0, out.stderr);
    const configs = JSON.parse(out.stdout);
    assert.equal(configs["registry.test:5000"].Secure, false);
    assert.equal(configs["docker.io"].Secure, true);
  } finally {
    await daemon.stop();
  }
});
