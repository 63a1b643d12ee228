/**
 * A Dockerfile's build stages: the ARGs before the first FROM (meta arguments), then one stage
 * per FROM with its name (`AS name`, or its index) and its instructions.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import type { Instruction } from "./dockerfile_parser.ts";

/** One stage: its FROM and the instructions after it. */
export interface Stage {
  name: string;
  from: Instruction;
  steps: Instruction[];
}

/** Splits instructions into meta ARGs and stages. */
export function splitStages(instructions: Instruction[]): { meta: Instruction[]; stages: Stage[] } {
  const meta: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.name === "from") {
      const m = /^(\S+)(?:\s+as\s+(\S+))?\s*$/i.exec(instruction.args);
      if (!m) throw new InvalidParameter(`FROM requires either one or three arguments`);
      stages.push({
        name: (m[2] ?? String(stages.length)).toLowerCase(),
        from: instruction,
        steps: [],
      });
    } else if (stages.length === 0) {
      if (instruction.name !== "arg") {
        throw new InvalidParameter(
          `dockerfile parse error on line ${instruction.line}: ` +
            "no build stage in current context (the first instruction must be FROM)",
        );
      }
      meta.push(instruction);
    } else {
      stages[stages.length - 1].steps.push(instruction);
    }
  }
  if (stages.length === 0) {
    throw new InvalidParameter("no build stage in the Dockerfile (FROM missing)");
  }
  return { meta, stages };
}
