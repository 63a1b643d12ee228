/**
 * `docker exec` into a running container: exit statuses, -i, -w, -e, -t, and the GitHub runner's
 * job container with one exec per step.
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";
import type { Session } from "../session.ts";

/** A running container the exec scenarios use; answers once an exec works. */
async function sleeper(s: Session, base: string): Promise<string> {
  const name = s.name(base);
  await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
  await s.ok(["inspect", "-f", "{{.State.Running}}", name], "true\n");
  return name;
}

export const execScenarios: Scenario[] = [
  {
    name: "`exec` output and exit status",
    async run(s) {
      const name = await sleeper(s, "exec");
      await s.ok(["exec", name, "sh", "-c", "echo in $PWD"], "in /\n");
      await s.expect(["exec", name, "sh", "-c", "echo failing >&2; exit 5"], {
        code: 5,
        stderr: "failing\n",
      });
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`exec` of a missing command exits 127",
    async run(s) {
      const name = await sleeper(s, "missing");
      await s.expect(["exec", name, "no-such-command"], { code: 127 });
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`exec -i` pipes stdin",
    async run(s) {
      const name = await sleeper(s, "execi");
      await s.ok(["exec", "-i", name, "cat"], "piped in\n", { stdin: "piped in\n" });
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`exec -w DIR -e VAR=…`",
    async run(s) {
      const name = await sleeper(s, "execwe");
      await s.ok(
        ["exec", "-w", "/tmp", "-e", "STEP=two words", name, "sh", "-c", 'echo "$STEP" $PWD'],
        "two words /tmp\n",
      );
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`exec -t` gives a terminal's output",
    async run(s) {
      const name = await sleeper(s, "exect");
      await s.ok(["exec", "-t", name, "echo", "tty"], "tty\r\n");
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`exec` into a stopped container is refused",
    async run(s) {
      const name = s.name("stopped");
      await s.ok(["run", "--name", name, IMAGE, "true"]);
      await s.expect(["exec", name, "true"], { code: 1, stderr: /is not running/ });
      await s.ok(["rm", name]);
    },
  },
  {
    name:
      "GitHub runner: job container (`--entrypoint tail`), one `exec -i --env-file -w` per step",
    async run(s) {
      const name = s.name("job");
      await s.ok([
        "run",
        "-d",
        "--name",
        name,
        "--workdir",
        "/tmp",
        "--entrypoint",
        "tail",
        IMAGE,
        "-f",
        "/dev/null",
      ]);
      const envFile = `${s.work}/${name}.env`;
      await Deno.writeTextFile(envFile, "GREETING=hello\nRUNNER_OS=Linux\n");
      const step1 = 'set -e\necho "greeting=$GREETING from $RUNNER_OS" > out.txt\ncat out.txt\n';
      await s.ok(
        ["exec", "-i", "--env-file", envFile, "-w", "/tmp", name, "sh", "-e"],
        "greeting=hello from Linux\n",
        { stdin: step1 },
      );
      // Step 2 sees step 1's file; a failing step's status reaches the runner.
      await s.expect(["exec", "-i", "-w", "/tmp", name, "sh", "-e"], {
        stdin: "cat out.txt\nexit 3\n",
        stdout: "greeting=hello from Linux\n",
        code: 3,
      });
      await s.ok(["ps", "--filter", `name=${name}`, "--format", "{{.Status}}"], /^Up /);
      await s.ok(["rm", "-f", name]);
    },
  },
];
