/**
 * `docker run` and its streams: --rm, exit statuses, -d with logs (--tail, -f), -i, -t, and
 * attach before start (the GitLab runner's shape, through `start -ai`).
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";

export const runScenarios: Scenario[] = [
  {
    name: "`run --rm echo hi` prints exactly `hi` and leaves nothing",
    async run(s) {
      await s.ok(["run", "--rm", IMAGE, "echo", "hi"], "hi\n");
      await s.ok(["ps", "-aq"], "");
    },
  },
  {
    name: "`run` exit status",
    async run(s) {
      await s.expect(["run", "--rm", IMAGE, "sh", "-c", "echo out; exit 3"], {
        code: 3,
        stdout: "out\n",
      });
    },
  },
  {
    name: "`run`: stdout and stderr stay apart",
    async run(s) {
      await s.expect(["run", "--rm", IMAGE, "sh", "-c", "echo out; echo err >&2"], {
        stdout: "out\n",
        stderr: "err\n",
      });
    },
  },
  {
    name: "`run -e`, `-w`, `--entrypoint`",
    async run(s) {
      await s.ok(
        [
          "run",
          "--rm",
          "-e",
          "A=one two",
          "-w",
          "/tmp",
          "--entrypoint",
          "sh",
          IMAGE,
          "-c",
          'echo "$A" $PWD',
        ],
        "one two /tmp\n",
      );
    },
  },
  {
    name: "`run -d`, `logs`, `logs --tail 1`",
    async run(s) {
      const name = s.name("logs");
      const script = "echo one; echo two; echo three; sleep 300";
      await s.ok(["run", "-d", "--name", name, IMAGE, "sh", "-c", script], /^[0-9a-f]{64}\n$/);
      await s.eventually(
        "three log lines",
        async () => (await s.docker(["logs", name])).stdout === "one\ntwo\nthree\n",
      );
      await s.ok(["logs", "--tail", "1", name], "three\n");
      await s.ok(["rm", "-f", name], `${name}\n`);
    },
  },
  {
    name: "`logs -f` follows a running container to its end",
    async run(s) {
      const name = s.name("follow");
      const script = "echo first; sleep 2; echo second";
      await s.ok(["run", "-d", "--name", name, IMAGE, "sh", "-c", script]);
      await s.ok(["logs", "-f", name], "first\nsecond\n");
      await s.ok(["wait", name], "0\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`run -i` reads stdin",
    async run(s) {
      await s.ok(["run", "-i", "--rm", IMAGE, "cat"], "abc\n", { stdin: "abc\n" });
    },
  },
  {
    name: "`run -i sh` runs a script from stdin, with its exit status",
    async run(s) {
      await s.expect(["run", "-i", "--rm", IMAGE, "sh"], {
        stdin: "echo from stdin\nexit 4\n",
        stdout: "from stdin\n",
        code: 4,
      });
    },
  },
  {
    name: "`run -t` gives a terminal's output",
    async run(s) {
      await s.ok(["run", "-t", "--rm", IMAGE, "echo", "hi"], "hi\r\n");
    },
  },
  {
    name: "`create` then `start -a` prints the output",
    async run(s) {
      const name = s.name("fresh");
      await s.ok(["create", "--name", name, IMAGE, "echo", "created then started"]);
      await s.ok(["inspect", "-f", "{{.State.Status}}", name], "created\n");
      await s.ok(["start", "-a", name], "created then started\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "GitLab: attach before start (`start -ai`), script on stdin, same container per stage",
    async run(s) {
      const name = s.name("gitlab");
      await s.ok(["create", "-i", "--name", name, "-e", "CI_JOB_STAGE=build", IMAGE, "sh"]);
      await s.expect(["start", "-ai", name], {
        stdin: 'echo "stage $CI_JOB_STAGE in $(pwd)"\nexit 0\n',
        stdout: "stage build in /\n",
      });
      await s.expect(["start", "-ai", name], {
        stdin: "echo second stage\nexit 7\n",
        stdout: "second stage\n",
        code: 7,
      });
      await s.ok(["inspect", "-f", "{{.State.ExitCode}}", name], "7\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`attach` to a running `-i` container: stdin in, output and exit status out",
    async run(s) {
      const name = s.name("attach");
      const script = 'read line; echo "got $line"; exit 6';
      await s.ok(["run", "-d", "-i", "--name", name, IMAGE, "sh", "-c", script]);
      await s.ok(["inspect", "-f", "{{.State.Running}}", name], "true\n");
      await s.expect(["attach", name], { stdin: "hello\n", stdout: "got hello\n", code: 6 });
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`run --health-cmd`: the health status turns healthy",
    async run(s) {
      const name = s.name("health");
      await s.ok([
        "run",
        "-d",
        "--name",
        name,
        "--health-cmd",
        "test -f /tmp/ready",
        "--health-interval",
        "100ms",
        "--health-retries",
        "50",
        IMAGE,
        "sh",
        "-c",
        "sleep 0.5; touch /tmp/ready; exec sleep 300",
      ]);
      await s.eventually(
        "healthy",
        async () =>
          (await s.docker(["inspect", "-f", "{{.State.Health.Status}}", name])).stdout ===
            "healthy\n",
        100,
      );
      await s.ok(
        ["ps", "--filter", `name=${name}`, "--format", "{{.Status}}"],
        /^Up .* \(healthy\)\n$/,
      );
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`run --name` twice is a name conflict (exit 125)",
    async run(s) {
      const name = s.name("dup");
      await s.ok(["create", "--name", name, IMAGE, "true"]);
      await s.expect(["run", "--name", name, IMAGE, "true"], {
        code: 125,
        stderr: new RegExp(`The container name "/${name}" is already in use`),
      });
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`run --restart on-failure:2` restarts twice, then stays exited",
    async run(s) {
      const name = s.name("flaky");
      const args = ["run", "-d", "--name", name, "--restart", "on-failure:2", IMAGE];
      await s.ok([...args, "sh", "-c", "echo attempt; exit 5"]);
      const format = "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}";
      await s.eventually(
        "two restarts",
        async () => (await s.docker(["inspect", "-f", format, name])).stdout === "2 exited 5\n",
        // Backoff is 100 ms, then 200 ms: 100 polls (each a CLI call) leave ample room.
        100,
      );
      await s.ok(["logs", name], "attempt\nattempt\nattempt\n");
      await s.ok(["rm", name]);
    },
  },
];
