import assert from "node:assert/strict";
import { execCommand } from "./exec.ts";

/** Runs the command string through Debian's /bin/sh, as the ECS session does. */
async function sh(command: string): Promise<string> {
  const out = await new Deno.Command("/bin/sh", { args: ["-c", command], stdout: "piped" })
    .output();
  return new TextDecoder().decode(out.stdout);
}

Deno.test("exec argv survives the session's sh -c word for word", async () => {
  const argv = ["printf", "[%s]\\n", "a b", "it's", "$HOME", "`x`", "*", ""];
  assert.equal(await sh(execCommand({ Cmd: argv })), "[a b]\n[it's]\n[$HOME]\n[`x`]\n[*]\n[]\n");
});

Deno.test("exec environment and working directory reach the process", async () => {
  const command = execCommand({
    Cmd: ["sh", "-c", 'echo "$GREETING" "$(pwd)"'],
    Env: ["GREETING=hello there"],
    WorkingDir: "/tmp",
  });
  assert.equal(await sh(command), "hello there /tmp\n");
});
