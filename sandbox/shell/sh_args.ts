/**
 * The command line of `sh`/`ash`/`bash`: single-letter options (`-ceuxsil`, `+x`), `-o NAME`,
 * and the long options CI runners pass to bash (`--login`, `--noprofile`, `--norc`, `--posix`).
 *
 * @module
 */

export interface ShellArgs {
  /** `-c`: the command string follows the options. */
  command: boolean;
  /** `-s`: read commands from stdin even with operands (they become $1…). */
  stdin: boolean;
  interactive: boolean;
  /** `-l`, `--login`, or argv[0] starting with `-`: read /etc/profile and ~/.profile first. */
  login: boolean;
  /** Options to set: single letters and "pipefail". */
  options: string[];
  /** Operands: the command string or script, then its arguments. */
  rest: string[];
}

const LONG_OPTIONS: Record<string, string> = {
  errexit: "e",
  nounset: "u",
  xtrace: "x",
  noglob: "f",
  noclobber: "C",
  allexport: "a",
  pipefail: "pipefail",
  verbose: "v",
};

/** Long options that only tune startup files or bash modes this shell does not have. */
const IGNORED_LONG = new Set(["--noprofile", "--norc", "--posix", "--noediting"]);

/** Parses the arguments after argv[0]; a string is the error to print (status 2). */
export function parseShellArgs(argv: string[]): ShellArgs | string {
  const args: ShellArgs = {
    command: false,
    stdin: false,
    interactive: false,
    login: argv[0]?.startsWith("-") ?? false,
    options: [],
    rest: [],
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--" || arg === "-") {
      i++;
      break;
    }
    if (arg === "--login") {
      args.login = true;
      continue;
    }
    if (IGNORED_LONG.has(arg)) continue;
    if (arg.startsWith("--")) return `illegal option ${arg}`;
    if (arg[0] !== "-" && arg[0] !== "+") break;
    const on = arg[0] === "-";
    for (const flag of arg.slice(1)) {
      if (flag === "c") args.command = true;
      else if (flag === "s") args.stdin = true;
      else if (flag === "i") args.interactive = true;
      else if (flag === "l") args.login = true;
      else if (flag === "o") {
        const option = LONG_OPTIONS[argv[++i] ?? ""];
        if (!option) return `illegal option -o ${argv[i] ?? ""}`;
        if (on) args.options.push(option);
      } else if ("euxfCav".includes(flag)) {
        if (on) args.options.push(flag);
      } else {
        return `illegal option -${flag}`;
      }
    }
  }
  args.rest = argv.slice(i);
  return args;
}
