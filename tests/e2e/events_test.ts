/**
 * `docker events` streams container lifecycle events as they happen, with filters, and replays
 * them with --since/--until.
 */
import assert from "node:assert/strict";
import { docker, startTestDaemon } from "./harness.ts";

Deno.test("docker events follows a container's lifecycle live and on replay", async () => {
  const daemon = await startTestDaemon();
  try {
    const pulled = await docker(daemon, ["pull", "-q", "alpine"]);
    assert.equal(pulled.code, 0, pulled.stderr);
    const since = Math.floor(Date.now() / 1000) - 1;
    const watcher = new Deno.Command("docker", {
      args: [
        "events",
        "--filter",
        "type=container",
        "--format",
        "{{.Action}} {{.Actor.Attributes.name}}",
      ],
      env: daemon.env,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let text = "";
    const lines: string[] = [];
    const reading = (async () => {
      for await (const chunk of watcher.stdout.pipeThrough(new TextDecoderStream())) {
        text += chunk;
        lines.splice(0, lines.length, ...text.split("\n").filter(Boolean));
      }
    })();
    // The subscription is live once the daemon counts a listener.
    for (let i = 0; i < 100; i++) {
      const info = await docker(daemon, ["info", "--format", "{{.NEventsListener}}"]);
      if (info.stdout.trim() === "1") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const run = await docker(daemon, [
      "run",
      "--rm",
      "--name",
      "evented",
      "alpine",
      "sh",
      "-c",
      "exit 4",
    ]);
    assert.equal(run.code, 4, run.stderr);
    for (let i = 0; i < 100 && !lines.includes("destroy evented"); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    watcher.kill("SIGTERM");
    await reading;
    await watcher.status;
    await watcher.stderr.cancel();
    for (const action of ["create", "attach", "start", "die", "destroy"]) {
      assert.ok(lines.includes(`${action} evented`), `${action} missing from ${lines.join(", ")}`);
    }
    assert.ok(lines.indexOf("start evented") < lines.indexOf("die evented"));

    const until = Math.floor(Date.now() / 1000) + 1;
    const replay = await docker(daemon, [
      "events",
      "--since",
      String(since),
      "--until",
      String(until),
      "--filter",
      "event=die",
      "--format",
      "{{.Action}} {{.Actor.Attributes.exitCode}}",
    ]);
    assert.equal(replay.code, 0, replay.stderr);
    assert.equal(replay.stdout.trim(), "die 4");
  } finally {
    await daemon.stop();
  }
});
