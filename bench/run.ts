/**
 * Runs every benchmark in bench/: files that declare `Deno.bench` cases through `deno bench`,
 * the others (side-by-side comparisons that print a table) as scripts. Each reports ratios
 * against a baseline measured in the same run; figures go into the issue notes.
 * Usage: deno run -A bench/run.ts [name-filter]
 */
const dir = new URL("./", import.meta.url);
const filter = Deno.args[0] ?? "";
const files = [...Deno.readDirSync(dir)]
  .map((entry) => entry.name)
  .filter((name) => name.endsWith("_bench.ts") && name.includes(filter))
  .sort();
let failed = 0;
for (const name of files) {
  const path = new URL(name, dir).pathname;
  const text = await Deno.readTextFile(path);
  const args = text.includes("Deno.bench(") ? ["bench", "-A", path] : ["run", "-A", path];
  console.log(`\n## ${name} (deno ${args[0]})`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (code !== 0) {
    failed++;
    console.log(`${name} exited with ${code}`);
  }
}
Deno.exit(failed ? 1 : 0);
