/**
 * The two CI runner flows of the Go original's notes (§8, lessons 3–5), against a real daemon:
 *
 * - GitLab Runner's docker executor never execs: per stage it creates (or reuses) a container with
 *   OpenStdin+StdinOnce, hijacks `attach` before `start`, pipes the script on stdin, half-closes,
 *   reads the multiplexed output to EOF and takes the exit code from `wait`. The same container
 *   is started again for the next stage (start → stop → start). Driven here with raw HTTP and
 *   hijack on the socket, byte for byte as the runner's Go client sends them.
 * - GitHub's runner keeps one long-lived `tail -f /dev/null` job container with the host work
 *   directory bound at /__w, and runs each step with `docker exec` on a script file the host
 *   wrote into that directory, env from `--env-file`, outputs in files the host reads back.
 *   Driven with the docker CLI 28; the daemon runs with `--allow-bind`.
 */
import assert from "node:assert/strict";
import { docker, rawRequest, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

const encoder = new TextEncoder();

/** One plain request with `Connection: close`; the status code and body. */
async function request(
  daemon: RunningTestDaemon,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? "" : JSON.stringify(body);
  const head = `${method} ${path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n` +
    (body === undefined ? "" : "Content-Type: application/json\r\n") +
    `Content-Length: ${encoder.encode(payload).length}\r\n\r\n`;
  const reply = await rawRequest(daemon.socket, head + payload, { timeoutMs: 30_000 });
  const status = Number(reply.slice(9, 12));
  const text = reply.slice(reply.indexOf("\r\n\r\n") + 4);
  // Chunked bodies (wait) hold one JSON document: strip the chunk framing.
  const json = /^[0-9a-f]+\r\n/.test(text)
    ? text.split("\r\n").filter((_, i) => i % 2 === 1).join("")
    : text;
  return { status, body: json };
}

/** Reads everything from a connection until the daemon closes it. */
async function readAll(conn: Deno.Conn, initial: Uint8Array): Promise<Uint8Array> {
  const parts = [initial];
  const buffer = new Uint8Array(65536);
  while (true) {
    const n = await conn.read(buffer);
    if (n === null) break;
    parts.push(buffer.slice(0, n));
  }
  const total = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    total.set(p, offset);
    offset += p.length;
  }
  return total;
}

/** Splits Docker's stdcopy frames (8-byte header: stream, 0, 0, 0, big-endian length). */
function demux(bytes: Uint8Array): { stdout: string; stderr: string } {
  const decoder = new TextDecoder();
  let stdout = "";
  let stderr = "";
  let at = 0;
  while (at < bytes.length) {
    assert.ok(at + 8 <= bytes.length, "truncated stdcopy header");
    const size = new DataView(bytes.buffer, bytes.byteOffset + at + 4, 4).getUint32(0);
    const payload = decoder.decode(bytes.subarray(at + 8, at + 8 + size));
    if (bytes[at] === 1) stdout += payload;
    else if (bytes[at] === 2) stderr += payload;
    else assert.fail(`unexpected stdcopy stream ${bytes[at]}`);
    at += 8 + size;
  }
  return { stdout, stderr };
}

/** Hijacks `attach` (stdin, stdout, stderr, stream) and returns the raw connection. */
async function attach(daemon: RunningTestDaemon, id: string) {
  const conn = await Deno.connect({ transport: "unix", path: daemon.socket });
  await conn.write(encoder.encode(
    `POST /v1.44/containers/${id}/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\n` +
      "Host: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n",
  ));
  let head = new Uint8Array();
  const buffer = new Uint8Array(4096);
  while (true) {
    const n = await conn.read(buffer);
    assert.ok(n !== null, "daemon closed before answering attach");
    const next = new Uint8Array(head.length + n);
    next.set(head);
    next.set(buffer.subarray(0, n), head.length);
    head = next;
    const text = new TextDecoder().decode(head);
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) {
      assert.match(text, /^HTTP\/1\.1 101 UPGRADED\r\n/);
      assert.match(text, /Content-Type: application\/vnd\.docker\.multiplexed-stream/i);
      return { conn, rest: head.subarray(end + 4) };
    }
  }
}

/** One GitLab stage: attach, start, script on stdin, half-close, output to EOF, exit code. */
async function gitlabStage(daemon: RunningTestDaemon, id: string, script: string) {
  const { conn, rest } = await attach(daemon, id);
  try {
    const started = await request(daemon, "POST", `/v1.44/containers/${id}/start`);
    assert.equal(started.status, 204, started.body);
    const waiting = request(daemon, "POST", `/v1.44/containers/${id}/wait?condition=not-running`);
    const bytes = encoder.encode(script);
    let offset = 0;
    while (offset < bytes.length) offset += await conn.write(bytes.subarray(offset));
    await conn.closeWrite();
    const output = demux(await readAll(conn, rest));
    const waited = await waiting;
    assert.equal(waited.status, 200, waited.body);
    return { ...output, exitCode: JSON.parse(waited.body).StatusCode as number };
  } finally {
    conn.close();
  }
}

Deno.test("CI runner flows through real clients", async (t) => {
  const work = await Deno.makeTempDir({ prefix: "sockerless-runner-work-" });
  const daemon = await startTestDaemon(["--allow-bind", work]);
  try {
    await t.step(
      "GitLab: attach before start, script on stdin, the same container per stage",
      async () => {
        // The runner pulls the job image first (here: the built-in rootfs, said so loudly).
        const pulled = await request(
          daemon,
          "POST",
          "/v1.44/images/create?fromImage=alpine&tag=latest",
        );
        assert.equal(pulled.status, 200, pulled.body);
        const created = await request(
          daemon,
          "POST",
          "/v1.44/containers/create?name=runner-build",
          {
            Image: "alpine",
            Cmd: ["sh"],
            AttachStdin: true,
            AttachStdout: true,
            AttachStderr: true,
            OpenStdin: true,
            StdinOnce: true,
            Tty: false,
            Env: ["CI=true", "CI_JOB_STAGE=build"],
            WorkingDir: "/builds/project",
            HostConfig: { Binds: ["runner-cache:/cache"] },
          },
        );
        assert.equal(created.status, 201, created.body);
        const id = JSON.parse(created.body).Id as string;

        const build = await gitlabStage(
          daemon,
          id,
          'set -e\necho "stage $CI_JOB_STAGE in $(pwd)"\necho artefact > /cache/out.txt\n' +
            "echo to-stderr >&2\n",
        );
        assert.equal(build.exitCode, 0, build.stderr);
        assert.equal(build.stdout, "stage build in /builds/project\n");
        assert.equal(build.stderr, "to-stderr\n");

        // Between stages the runner stops the container (already exited: 304) and starts it again.
        const stopped = await request(daemon, "POST", `/v1.44/containers/${id}/stop`);
        assert.equal(stopped.status, 304);
        const test = await gitlabStage(daemon, id, "cat /cache/out.txt\nexit 7\n");
        assert.equal(test.stdout, "artefact\n");
        assert.equal(test.exitCode, 7);

        const inspected = JSON.parse(
          (await request(daemon, "GET", `/v1.44/containers/${id}/json`)).body,
        );
        assert.equal(inspected.State.ExitCode, 7);
        assert.equal(inspected.Id, id);
        const removed = await request(daemon, "DELETE", `/v1.44/containers/${id}?v=1&force=1`);
        assert.equal(removed.status, 204, removed.body);
      },
    );

    await t.step(
      "GitHub: a long-lived job container, one docker exec per step on /__w",
      async () => {
        const run = await docker(daemon, [
          "run",
          "-d",
          "--name",
          "github-job",
          "-v",
          `${work}:/__w`,
          "--workdir",
          "/__w",
          "--entrypoint",
          "tail",
          "alpine",
          "-f",
          "/dev/null",
        ]);
        assert.equal(run.code, 0, run.stderr);
        await Deno.mkdir(`${work}/_temp/_runner_file_commands`, { recursive: true });
        await Deno.writeTextFile(`${work}/repo.txt`, "checked out\n");

        // Step 1: the host writes the step's script and env file, the container runs it.
        await Deno.writeTextFile(
          `${work}/_temp/step1.sh`,
          'set -e\ncat repo.txt\necho "greeting=$GREETING from $RUNNER_OS" >> "$GITHUB_OUTPUT"\n',
        );
        await Deno.writeTextFile(
          `${work}/_temp/step1.env`,
          "GREETING=hello\nRUNNER_OS=Linux\nGITHUB_OUTPUT=/__w/_temp/_runner_file_commands/set_output_1\n",
        );
        const step1 = await docker(daemon, [
          "exec",
          "-i",
          "--env-file",
          `${work}/_temp/step1.env`,
          "-w",
          "/__w",
          "github-job",
          "sh",
          "-e",
          "/__w/_temp/step1.sh",
        ], { stdin: "" });
        assert.equal(step1.code, 0, step1.stderr);
        assert.equal(step1.stdout, "checked out\n");
        assert.equal(
          await Deno.readTextFile(`${work}/_temp/_runner_file_commands/set_output_1`),
          "greeting=hello from Linux\n",
        );

        // Step 2: state left by step 1 is there; a failing step's exit code reaches the runner.
        await Deno.writeTextFile(
          `${work}/_temp/step2.sh`,
          "ls _temp/_runner_file_commands\nexit 3\n",
        );
        const step2 = await docker(daemon, [
          "exec",
          "github-job",
          "sh",
          "-e",
          "/__w/_temp/step2.sh",
        ]);
        assert.equal(step2.code, 3);
        assert.equal(step2.stdout, "set_output_1\n");

        const ps = await docker(daemon, [
          "ps",
          "--filter",
          "name=github-job",
          "--format",
          "{{.Status}}",
        ]);
        assert.match(ps.stdout, /^Up /);
        const rm = await docker(daemon, ["rm", "-f", "github-job"]);
        assert.equal(rm.code, 0, rm.stderr);
      },
    );

    await t.step(
      "services: a health check gates readiness; a flaky one restarts on failure",
      async () => {
        const since = String(Math.floor(Date.now() / 1000) - 1);
        const run = await docker(daemon, [
          "run",
          "-d",
          "--name",
          "svc-db",
          "--health-cmd",
          "test -f /tmp/ready",
          "--health-interval",
          "100ms",
          "--health-retries",
          "50",
          "alpine",
          "sh",
          "-c",
          "sleep 0.5; touch /tmp/ready; exec sleep 60",
        ]);
        assert.equal(run.code, 0, run.stderr);
        // A runner polls the health status as act and gitlab-runner do for services.
        let status = "";
        for (let i = 0; i < 300 && status !== "healthy"; i++) {
          const out = await docker(daemon, ["inspect", "-f", "{{.State.Health.Status}}", "svc-db"]);
          status = out.stdout.trim();
          if (status !== "healthy") await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(status, "healthy");
        const ps = await docker(daemon, [
          "ps",
          "--filter",
          "name=svc-db",
          "--format",
          "{{.Status}}",
        ]);
        assert.match(ps.stdout, /^Up .* \(healthy\)$/m);
        const [health] = JSON.parse(
          (await docker(daemon, ["inspect", "-f", "{{json .State.Health}}", "svc-db"])).stdout,
        ).Log.slice(-1);
        assert.equal(health.ExitCode, 0);
        const events = await docker(daemon, [
          "events",
          "--since",
          since,
          "--until",
          String(Math.ceil(Date.now() / 1000) + 1),
          "--filter",
          "container=svc-db",
          "--format",
          "{{.Action}}",
        ]);
        assert.match(events.stdout, /^health_status: healthy$/m);
        assert.equal((await docker(daemon, ["rm", "-f", "svc-db"])).code, 0);

        const flaky = await docker(daemon, [
          "run",
          "-d",
          "--name",
          "svc-flaky",
          "--restart",
          "on-failure:2",
          "alpine",
          "sh",
          "-c",
          "echo attempt; exit 5",
        ]);
        assert.equal(flaky.code, 0, flaky.stderr);
        let state = "";
        for (let i = 0; i < 300; i++) {
          state = (await docker(daemon, [
            "inspect",
            "-f",
            "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
            "svc-flaky",
          ])).stdout.trim();
          if (state === "2 exited 5") break;
          await new Promise((r) => setTimeout(r, 100));
        }
        // Two restarts after the first run (100 ms, then 200 ms backoff), then it stays exited.
        assert.equal(state, "2 exited 5");
        const logs = await docker(daemon, ["logs", "svc-flaky"]);
        assert.equal(logs.stdout, "attempt\nattempt\nattempt\n");
        assert.equal((await docker(daemon, ["rm", "-f", "svc-flaky"])).code, 0);
      },
    );
  } finally {
    await daemon.stop();
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
});
