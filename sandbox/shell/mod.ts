/**
 * The sandbox's POSIX shell (`sh`, `ash`, `bash`): an interpreter over mvdan-sh's parser with
 * streaming descriptors, concurrent pipelines and signals. The kernel registers
 * {@link shellApplet} under the three names.
 *
 * @module
 */
export { shellApplet } from "./sh.ts";
export { loadParser, parseHere, parseShell, ShellSyntaxError, useShellParser } from "./parse.ts";
export { serveShellParser } from "./parser_link.ts";
export { BrokenPipeError, createPipe, type Pipe } from "./pipe.ts";
