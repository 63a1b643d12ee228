/**
 * Lifecycle verbs: stop, kill, wait, start, restart, rm, rename, update, pause, and a daemon
 * restart that must keep the containers.
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";

const STATE = "{{.State.Status}} {{.State.ExitCode}}";

export const lifecycleScenarios: Scenario[] = [
  {
    name: "`stop` ends in SIGKILL (137), `start` runs it again",
    async run(s) {
      const name = s.name("stop");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(["stop", "-t", "1", name], `${name}\n`);
      await s.ok(["inspect", "-f", STATE, name], "exited 137\n");
      await s.ok(["start", name], `${name}\n`);
      await s.ok(["inspect", "-f", "{{.State.Running}}", name], "true\n");
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`kill` (SIGKILL) exits 137",
    async run(s) {
      const name = s.name("kill");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(["kill", name], `${name}\n`);
      await s.ok(["wait", name], "137\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`kill -s USR1` reaches the container's trap",
    async run(s) {
      const name = s.name("trap");
      const trap = 'trap "echo got USR1; exit 0" USR1; echo ready; while true; do sleep 0.1; done';
      await s.ok(["run", "-d", "--name", name, IMAGE, "sh", "-c", trap]);
      await s.eventually("the trap", async () => (await s.docker(["logs", name])).stdout !== "");
      await s.ok(["kill", "-s", "USR1", name]);
      await s.ok(["wait", name], "0\n");
      await s.ok(["logs", name], "ready\ngot USR1\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`wait` returns the exit status",
    async run(s) {
      const name = s.name("wait");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sh", "-c", "sleep 1; exit 7"]);
      await s.ok(["wait", name], "7\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`rm` a stopped container, `rm -f` a running one",
    async run(s) {
      const done = s.name("done");
      const live = s.name("live");
      await s.ok(["run", "--name", done, IMAGE, "true"]);
      await s.ok(["run", "-d", "--name", live, IMAGE, "sleep", "300"]);
      await s.expect(["rm", live], {
        code: 1, // moby's wording before and since 25.0.
        stderr:
          /(Stop the container before attempting removal|stop the container before removing) or force remove/,
      });
      await s.ok(["rm", done], `${done}\n`);
      await s.ok(["rm", "-f", live], `${live}\n`);
      await s.expect(["container", "inspect", live], { code: 1, stderr: /No such container/ });
    },
  },
  {
    name: "`restart` counts and runs again",
    async run(s) {
      const name = s.name("restart");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(["restart", "-t", "0", name], `${name}\n`);
      await s.ok(["inspect", "-f", "{{.State.Running}} {{.RestartCount}}", name], "true 1\n");
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`rename`",
    async run(s) {
      const name = s.name("before");
      const renamed = s.name("after");
      await s.ok(["create", "--name", name, IMAGE, "true"]);
      await s.ok(["rename", name, renamed]);
      await s.ok(["inspect", "-f", "{{.Name}}", renamed], `/${renamed}\n`);
      await s.ok(["rm", renamed]);
    },
  },
  {
    name: "`update --restart`",
    async run(s) {
      const name = s.name("update");
      await s.ok(["create", "--name", name, IMAGE, "true"]);
      await s.ok(["update", "--restart", "on-failure:2", name], `${name}\n`);
      await s.ok(
        ["inspect", "-f", "{{json .HostConfig.RestartPolicy}}", name],
        '{"Name":"on-failure","MaximumRetryCount":2}\n',
      );
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`pause` / `unpause`",
    async run(s) {
      const name = s.name("pause");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(["pause", name], `${name}\n`);
      await s.ok(["inspect", "-f", "{{.State.Status}}", name], "paused\n");
      await s.ok(["unpause", name], `${name}\n`);
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "daemon restart keeps containers (exited with status and logs, created)",
    async run(s) {
      const exited = s.name("kept");
      const created = s.name("made");
      await s.expect(["run", "--name", exited, IMAGE, "sh", "-c", "echo kept; exit 3"], {
        code: 3,
        stdout: "kept\n",
      });
      await s.ok(["create", "--name", created, IMAGE, "true"]);
      await s.target.restart();
      await s.ok(["container", "inspect", "-f", STATE, exited], "exited 3\n");
      await s.ok(["logs", exited], "kept\n");
      await s.ok(["container", "inspect", "-f", "{{.State.Status}}", created], "created\n");
      await s.ok(["rm", exited, created]);
    },
  },
];
