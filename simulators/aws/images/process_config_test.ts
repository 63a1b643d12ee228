import assert from "node:assert/strict";
import { processPlan } from "./process_config.ts";

const image = {
  Env: ["PATH=/image/bin:/bin", "GREETING=hello", "MODE=image"],
  Entrypoint: ["/entry.sh"],
  Cmd: ["serve", "--port", "80"],
  WorkingDir: "/app",
  User: "app",
};

Deno.test("the image's entrypoint, command, env, workdir and user apply when nothing overrides them", () => {
  assert.deepEqual(processPlan(image, { env: { MODE: "task" } }), {
    argv: ["/entry.sh", "serve", "--port", "80"],
    env: { PATH: "/image/bin:/bin", GREETING: "hello", MODE: "task" },
    workdir: "/app",
    user: "app",
  });
});

Deno.test("a command alone follows the image's entrypoint; an entrypoint alone drops the image's Cmd", () => {
  assert.deepEqual(processPlan(image, { command: ["migrate"], env: {} }).argv, [
    "/entry.sh",
    "migrate",
  ]);
  assert.deepEqual(processPlan(image, { entryPoint: ["sh", "-c", "env"], env: {} }).argv, [
    "sh",
    "-c",
    "env",
  ]);
  assert.deepEqual(
    processPlan(image, { entryPoint: ["sh"], command: ["-c", "pwd"], env: {} }).argv,
    ["sh", "-c", "pwd"],
  );
});

Deno.test("overrides win; PATH defaults as Docker's; no command at all cannot start", () => {
  const plan = processPlan({ Cmd: ["sh"] }, { env: {}, workdir: "/tmp", user: "1000:1000" });
  assert.deepEqual(plan, {
    argv: ["sh"],
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    workdir: "/tmp",
    user: "1000:1000",
  });
  assert.throws(() => processPlan({}, { env: {} }), /CannotStartContainerError: .*no command/);
});
