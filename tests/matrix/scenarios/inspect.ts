/**
 * Looking at containers: ps filters and formats, inspect templates, top, stats, events, and the
 * system calls (version, info, df).
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";

export const inspectScenarios: Scenario[] = [
  {
    name: "`ps -a` filters (name, status, exited) and formats",
    async run(s) {
      const live = s.name("ps-live");
      const seven = s.name("ps-seven");
      await s.ok(["run", "-d", "--name", live, IMAGE, "sleep", "300"]);
      await s.expect(["run", "--name", seven, IMAGE, "sh", "-c", "exit 7"], { code: 7 });
      await s.ok(
        [
          "ps",
          "-a",
          "--filter",
          `name=${live}`,
          "--filter",
          "status=running",
          "--format",
          "{{.Names}}|{{.Command}}",
        ],
        `${live}|"sleep 300"\n`,
      );
      await s.ok(["ps", "--format", "{{.Names}}"], `${live}\n`);
      await s.ok(
        ["ps", "-a", "--filter", "exited=7", "--format", "{{.Names}} {{.Status}}"],
        new RegExp(`^${seven} Exited \\(7\\) .* ago\\n$`),
      );
      await s.ok(["rm", "-f", live, seven]);
    },
  },
  {
    name: "`inspect` templates (state, command, env, labels)",
    async run(s) {
      const name = s.name("inspect");
      await s.ok([
        "run",
        "-d",
        "--name",
        name,
        "-e",
        "A=b",
        "--label",
        "team=ci",
        IMAGE,
        "sleep",
        "300",
      ]);
      await s.ok(
        [
          "inspect",
          "-f",
          "{{.State.Status}}|{{json .Config.Cmd}}|{{.Name}}|{{.Config.Labels.team}}",
          name,
        ],
        `running|["sleep","300"]|/${name}|ci\n`,
      );
      await s.ok(["inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", name], /^A=b$/m);
      await s.ok(["ps", "-a", "--filter", "label=team=ci", "--format", "{{.Names}}"], `${name}\n`);
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`inspect` of a missing name: `No such object`",
    async run(s) {
      const name = s.name("nothing");
      await s.expect(["inspect", name], {
        code: 1,
        stdout: "[]\n",
        stderr: `Error: No such object: ${name}\n`,
      });
    },
  },
  {
    name: "`top` lists the container's processes",
    async run(s) {
      const name = s.name("top");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(
        ["top", name],
        /^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD\n[^]*sleep 300\n/,
      );
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`stats --no-stream`",
    async run(s) {
      const name = s.name("stats");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await s.ok(["stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", name], `${name} 1\n`);
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`events` replays a container's lifecycle (`--since`/`--until`, filters)",
    async run(s) {
      const name = s.name("events");
      const since = String(Math.floor(Date.now() / 1000) - 1);
      await s.expect(["run", "--rm", "--name", name, IMAGE, "sh", "-c", "exit 4"], { code: 4 });
      const until = String(Math.ceil(Date.now() / 1000) + 1);
      const range = ["events", "--since", since, "--until", until, "--filter", `container=${name}`];
      const actions = (await s.ok([...range, "--format", "{{.Action}}"])).trim().split("\n");
      for (const action of ["create", "start", "die", "destroy"]) {
        s.assert(actions.includes(action), `no ${action} event in ${actions.join(", ")}`);
      }
      await s.ok(
        [...range, "--filter", "event=die", "--format", "{{.Actor.Attributes.exitCode}}"],
        "4\n",
      );
    },
  },
  {
    name: "`version`, `info` (names the backend), `system df`",
    async run(s) {
      await s.ok(["version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}"], "1.44 linux\n");
      await s.ok(
        ["info", "--format", "{{json .Labels}}"],
        `["io.sockerless.backend=${s.backend}"]\n`,
      );
      await s.ok(["system", "df"], /^TYPE\s+TOTAL\s+ACTIVE/);
    },
  },
  {
    name: "`container prune`",
    async run(s) {
      const name = s.name("prune");
      await s.ok(["run", "--name", name, IMAGE, "true"]);
      await s.ok(["container", "prune", "-f"], /^Deleted Containers:\n[0-9a-f]{64}\n/);
      await s.expect(["container", "inspect", name], { code: 1, stderr: /No such container/ });
    },
  },
];
