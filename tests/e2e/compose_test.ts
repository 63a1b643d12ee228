/**
 * Debian's docker-compose (v1, `apt-get install -y docker-compose`) against the daemon: two
 * services on the project network where the client reaches busybox httpd by name, a named
 * volume, a healthcheck gating `depends_on: condition: service_healthy`, and a published port
 * reached from the host; then ps, logs (and logs -f), exec, run --rm, stop, start and down -v.
 */
import assert from "node:assert/strict";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

const COMPOSE = "/usr/bin/docker-compose";

function composeFile(port: number): string {
  return `services:
  web:
    image: alpine
    command: sh -c 'echo served-from-volume > /www/index.html && httpd -f -p 80 -h /www'
    volumes:
      - site:/www
    ports:
      - "${port}:80"
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost/"]
      interval: 1s
      timeout: 2s
      retries: 30
  client:
    image: alpine
    command: sh -c 'while true; do wget -q -O - http://web/; sleep 0.5; done'
    depends_on:
      web:
        condition: service_healthy
volumes:
  site:
`;
}

async function compose(
  daemon: RunningTestDaemon,
  dir: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(COMPOSE, {
    args: ["-p", "stack", ...args],
    cwd: dir,
    // compose's default: exec and run go through the docker CLI when it is installed.
    env: daemon.env,
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

async function ok(daemon: RunningTestDaemon, dir: string, args: string[]): Promise<string> {
  const out = await compose(daemon, dir, args);
  assert.equal(out.code, 0, `docker-compose ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

async function fetchText(port: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => "");
    if (body) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  return "";
}

/** `logs -f`: follows until the wanted text arrives, then is stopped (it never ends by itself). */
async function followUntil(
  daemon: RunningTestDaemon,
  dir: string,
  wanted: string,
): Promise<string> {
  const child = new Deno.Command(COMPOSE, {
    args: ["-p", "stack", "logs", "-f", "--no-color", "--tail", "1", "client"],
    cwd: dir,
    env: daemon.env,
    stdout: "piped",
    stderr: "null",
    stdin: "null",
  }).spawn();
  let seen = "";
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      seen += chunk;
      if (seen.split(wanted).length > 2) break;
    }
  } finally {
    clearTimeout(timer);
    try {
      child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
    await child.status;
  }
  return seen;
}

Deno.test("docker-compose v1: up, ps, logs, exec, run, stop, start, down", async (t) => {
  try {
    await Deno.stat(COMPOSE);
  } catch {
    throw new Error(
      `${COMPOSE} is missing: install Debian's docker-compose (apt-get install -y docker-compose)`,
    );
  }
  const daemon = await startTestDaemon();
  const dir = await Deno.makeTempDir({ prefix: "sockerless-compose-" });
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  await Deno.writeTextFile(`${dir}/docker-compose.yml`, composeFile(port));
  try {
    await t.step("up -d waits for the healthy web, then starts the client", async () => {
      const out = await compose(daemon, dir, ["up", "-d"]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stderr, /Creating network "stack_default"/);
      assert.match(out.stderr, /Creating volume "stack_site"/);
      const ps = await ok(daemon, dir, ["ps"]);
      assert.match(ps, /stack_web_1 .* Up \(healthy\)\s+0\.0\.0\.0:\d+->80\/tcp/);
      assert.match(ps, /stack_client_1 .* Up/);
    });

    await t.step(
      "the client reaches web by name; the host reaches the published port",
      async () => {
        let logs = "";
        for (let i = 0; i < 50 && !logs.includes("served-from-volume"); i++) {
          logs = await ok(daemon, dir, ["logs", "--no-color", "client"]);
          if (!logs.includes("served-from-volume")) await new Promise((r) => setTimeout(r, 100));
        }
        assert.match(logs, /client_1 +\| served-from-volume/);
        assert.equal(await fetchText(port), "served-from-volume\n");
        assert.match(await followUntil(daemon, dir, "served-from-volume"), /served-from-volume/);
      },
    );

    await t.step("exec and run --rm", async () => {
      assert.equal(
        await ok(daemon, dir, ["exec", "-T", "web", "cat", "/www/index.html"]),
        "served-from-volume\n",
      );
      const run = await ok(daemon, dir, [
        "run",
        "--rm",
        "client",
        "wget",
        "-q",
        "-O",
        "-",
        "http://web/",
      ]);
      assert.equal(run.trim(), "served-from-volume");
      const left = await docker(daemon, ["ps", "-a", "--format", "{{.Names}}"]);
      assert.deepEqual(left.stdout.trim().split("\n").sort(), ["stack_client_1", "stack_web_1"]);
    });

    await t.step("stop, then start serves again", async () => {
      // Like Docker, pid 1 (`sh -c`) ignores SIGTERM: a short timeout keeps the test quick.
      await ok(daemon, dir, ["stop", "-t", "1"]);
      assert.match(await ok(daemon, dir, ["ps"]), /stack_web_1 .* Exit/);
      const refused = await fetch(`http://127.0.0.1:${port}/`).then(
        () => "answered",
        () => "refused",
      );
      assert.equal(refused, "refused");
      await ok(daemon, dir, ["start"]);
      assert.equal(await fetchText(port), "served-from-volume\n");
    });

    await t.step("down -v removes containers, the network and the volume", async () => {
      await ok(daemon, dir, ["down", "-v", "-t", "1"]);
      assert.equal((await docker(daemon, ["ps", "-aq"])).stdout.trim(), "");
      const networks = (await docker(daemon, ["network", "ls", "--format", "{{.Name}}"])).stdout;
      assert.doesNotMatch(networks, /stack_default/);
      assert.doesNotMatch((await docker(daemon, ["volume", "ls", "-q"])).stdout, /stack_site/);
    });
  } finally {
    await compose(daemon, dir, ["down", "-v", "-t", "1"]).catch(() => {});
    await daemon.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
