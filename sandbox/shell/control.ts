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

/**
 * An error inside a builtin. Like ash, the shell prints `sh: NAME: line N: message` and a
 * non-interactive shell exits with status 2.
 */
export class BuiltinError extends Error {}

/** `exit`, `set -e`, or a fatal error: the (sub)shell ends with `status`. */
export class ExitFlow {
  constructor(readonly status: number) {}
}

/** A shell error that ends a script (status 2), but only the current command when interactive. */
export class ErrorExit extends ExitFlow {}
