/**
 * What `tar`'s create and read halves share: the parsed command line and where output goes.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import type { ParsedArgs } from "../common/args.ts";
import type { BufferedWriter } from "../common/output.ts";
import type { Zone } from "../common/time.ts";
import type { NameDirectory } from "../common/users.ts";

export interface TarJob {
  ctx: ProcessContext;
  parsed: ParsedArgs;
  /** The archive file, "-" for stdin/stdout. */
  file: string;
  /** The -C directory, absolute. */
  dir: string;
  names: NameDirectory;
  zone: Zone;
  out: BufferedWriter;
  verboseOut: BufferedWriter;
  excludes: string[];
}
