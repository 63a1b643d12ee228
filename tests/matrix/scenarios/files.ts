/**
 * A container's filesystem from outside: cp in and out, diff, export.
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";

export const fileScenarios: Scenario[] = [
  {
    name: "`cp` into and out of a running container",
    async run(s) {
      const name = s.name("cp");
      await s.ok(["run", "-d", "--name", name, IMAGE, "sleep", "300"]);
      await Deno.writeTextFile(`${s.work}/${name}.txt`, "hello\n");
      await s.ok(["cp", `${s.work}/${name}.txt`, `${name}:/root/in.txt`]);
      await s.ok(["exec", name, "cat", "/root/in.txt"], "hello\n");
      await s.ok(["exec", name, "sh", "-c", "echo made > /tmp/made.txt"]);
      await s.ok(["cp", `${name}:/tmp/made.txt`, `${s.work}/${name}.out`]);
      s.assert(
        await Deno.readTextFile(`${s.work}/${name}.out`) === "made\n",
        "the copied-out file does not hold made",
      );
      await s.expect(["cp", `${name}:/no/such/file`, `${s.work}/x`], {
        code: 1,
        stderr: /Could not find the file \/no\/such\/file/,
      });
      await s.ok(["rm", "-f", name]);
    },
  },
  {
    name: "`cp` into a created container, then `start -a` reads it",
    async run(s) {
      const name = s.name("cpc");
      await Deno.writeTextFile(`${s.work}/${name}.txt`, "before start\n");
      await s.ok(["create", "--name", name, IMAGE, "cat", "/in.txt"]);
      await s.ok(["cp", `${s.work}/${name}.txt`, `${name}:/in.txt`]);
      await s.ok(["start", "-a", name], "before start\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`diff` lists the container's changes",
    async run(s) {
      const name = s.name("diff");
      await s.ok(["run", "--name", name, IMAGE, "sh", "-c", "echo x > /tmp/new.txt"]);
      const changes = (await s.ok(["diff", name])).trim().split("\n");
      for (const change of ["C /tmp", "A /tmp/new.txt"]) {
        s.assert(changes.includes(change), `${change} not in diff: ${changes.join(", ")}`);
      }
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`export` writes the container's filesystem as a tar",
    async run(s) {
      const name = s.name("export");
      const tar = `${s.work}/${name}.tar`;
      await s.ok(["run", "--name", name, IMAGE, "sh", "-c", "echo x > /tmp/exported.txt"]);
      await s.ok(["export", "-o", tar, name], "");
      const listed = await new Deno.Command("tar", { args: ["tf", tar], stdout: "piped" }).output();
      const names = new TextDecoder().decode(listed.stdout).split("\n");
      for (const entry of ["etc/passwd", "tmp/exported.txt"]) {
        s.assert(names.includes(entry), `${entry} not in the export`);
      }
      await s.ok(["rm", name]);
    },
  },
];
