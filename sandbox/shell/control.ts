/**
 * Non-local control flow in the interpreter, carried as exceptions: `break`, `continue`,
 * `return`, `exit` and fatal shell errors unwind to the construct that handles them.
 *
 * @module
 */

export class BreakFlow {
  constructor(public levels: number) {}
}

export class ContinueFlow {
  constructor(public levels: number) {}
}

export class ReturnFlow {
  constructor(readonly status: number) {}
}

/** `exit`, `set -e`, or a fatal error: the (sub)shell ends with `status`. */
export class ExitFlow {
  constructor(readonly status: number) {}
}
