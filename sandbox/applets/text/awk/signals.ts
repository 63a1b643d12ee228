/**
 * How awk control flow unwinds: `next`, `nextfile`, `exit` and `return` throw these; `break` and
 * `continue` are return codes of statement execution.
 *
 * @module
 */
import type { Value } from "./values.ts";

export class NextRecord {}
export class NextFile {}
export class ExitProgram {
  constructor(readonly status: number) {}
}
export class ReturnValue {
  constructor(readonly value: Value) {}
}

export const BREAK = 1;
export const CONTINUE = 2;
