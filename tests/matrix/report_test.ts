import assert from "node:assert/strict";
import { renderMatrix, shortReason, summary } from "./report.ts";

Deno.test("shortReason names the refused call, or cuts the reason short", () => {
  assert.equal(
    shortReason("ecs", "ecs backend: container.top is not supported: ECS reports no process table"),
    "container.top",
  );
  assert.equal(shortReason("lambda", "lambda backend: no TTY"), "no TTY");
  assert.equal(shortReason("ecs", "x".repeat(200)).length, 48);
});

Deno.test("the matrix has a cell per scenario and backend, the FAILs with their commands", () => {
  const markdown = renderMatrix(
    [{ number: 1, name: "`top`" }, {
      number: 2,
      name: "a | b",
      known: { ecs: "documented elsewhere" },
    }],
    [
      { backend: "memory", outcomes: [{ kind: "pass", ms: 1 }, { kind: "pass", ms: 1 }] },
      {
        backend: "ecs",
        outcomes: [
          {
            kind: "501",
            ms: 1,
            message: "ecs backend: container.top is not supported: no",
            command: "",
          },
          { kind: "FAIL", ms: 1, detail: "docker x\n  exit status 1", transcript: ["$ docker x"] },
        ],
      },
    ],
    { date: "today", seconds: 3, docker: "28.0" },
  );
  assert.match(markdown, /^\| 1 \| `top` \| pass \| 501: container\.top \|$/m);
  assert.match(markdown, /^- ecs \(#1\): ecs backend: container\.top is not supported: no$/m);
  assert.match(markdown, /^\| 2 \| a \\\| b \| pass \| \*\*FAIL\*\* \(below\) \|$/m);
  assert.match(markdown, /^Summary: memory 2 pass, 0 501, 0 FAIL; ecs 0 pass, 1 501, 1 FAIL\.$/m);
  assert.match(
    markdown,
    /### ecs, #2: a \| b\n\nKnown cause: documented elsewhere\.\n\n```\ndocker x\n/,
  );
});

Deno.test("summary counts per backend", () => {
  assert.equal(
    summary([{ backend: "m", outcomes: [{ kind: "pass", ms: 0 }] }]),
    "m 1 pass, 0 501, 0 FAIL",
  );
});
