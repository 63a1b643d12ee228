/**
 * The contracts shared by the sandbox's filesystem (`sandbox/fs/`), shell (`sandbox/shell/`),
 * applets (`sandbox/applets/`) and WASI runner (`sandbox/wasi/`). Nothing here knows the Docker
 * API. Paths handed to a {@link FileSystem} are absolute container paths; resolving a relative
 * path against a working directory is the caller's job (see `resolvePath` in `sandbox/path.ts`).
 *
 * @module
 */

/** Errno-style codes a filesystem operation can fail with, as POSIX names them. */
export type FsErrorCode =
  | "ENOENT"
  | "EEXIST"
  | "ENOTDIR"
  | "EISDIR"
  | "ENOTEMPTY"
  | "EACCES"
  | "EPERM"
  | "ELOOP"
  | "EINVAL"
  | "EXDEV"
  | "EROFS"
  | "ENOSPC"
  | "EBADF"
  | "ENAMETOOLONG";

/** A failed filesystem operation; `message` reads like a libc error ("No such file or directory"). */
export class FsError extends Error {
  constructor(readonly code: FsErrorCode, readonly path: string, message?: string) {
    super(message ?? `${code}: ${path}`);
    this.name = "FsError";
  }
}

export type FileKind = "file" | "dir" | "symlink" | "chardev" | "fifo";

export interface Stat {
  kind: FileKind;
  /** Permission bits only (0o7777); the kind is in `kind`. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  atimeMs: number;
  ctimeMs: number;
  /** Stable per inode: hard links share it. */
  ino: number;
  nlink: number;
  /** For device files: major/minor as Linux encodes them (e.g. 1,3 for /dev/null). */
  rdev?: number;
}

export interface DirEntry {
  name: string;
  kind: FileKind;
}

/** How `open` treats the file; mirrors O_* flags. */
export interface OpenOptions {
  read?: boolean;
  write?: boolean;
  append?: boolean;
  create?: boolean;
  /** With `create`: fail with EEXIST when the file exists (O_EXCL). */
  exclusive?: boolean;
  truncate?: boolean;
  /** Permission bits for a created file, before umask is applied by the caller. */
  mode?: number;
}

/** An open file. Device files (/dev/zero, /dev/urandom, fifos) may block in `read`. */
export interface FileHandle {
  /** Reads up to `max` bytes; `null` at end of file. */
  read(max: number, signal?: AbortSignal): Promise<Uint8Array | null>;
  write(data: Uint8Array): Promise<number>;
  /** Sets the offset (SEEK_SET) and returns it; devices and fifos throw EINVAL (ESPIPE). */
  seek(offset: number, whence?: "set" | "cur" | "end"): Promise<number>;
  truncate(size: number): Promise<void>;
  stat(): Promise<Stat>;
  close(): Promise<void>;
}

/**
 * A container's filesystem view. Every path is absolute and is resolved inside the root: `..`
 * at the root stays at the root and absolute symlink targets resolve against the container's root,
 * so no operation can reach outside it.
 */
export interface FileSystem {
  stat(path: string, options?: { follow?: boolean }): Promise<Stat>;
  /** Entries in name order, without "." and "..". */
  readdir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(
    path: string,
    data: Uint8Array,
    options?: { mode?: number; append?: boolean; uid?: number; gid?: number },
  ): Promise<void>;
  open(path: string, options: OpenOptions): Promise<FileHandle>;
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void>;
  /** Removes a file, symlink or (with `recursive`, or when empty) a directory. */
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  readlink(path: string): Promise<string>;
  /** The canonical absolute path with every symlink resolved (ENOENT when a part is missing). */
  realpath(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
  chown(path: string, uid: number, gid: number, options?: { follow?: boolean }): Promise<void>;
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void>;
  mkfifo(path: string, mode?: number): Promise<void>;
}

/** A readable byte source with push-back, so a shell `read` can return what it did not use. */
export interface Input {
  /** The next chunk, or `null` at end of input. Rejects with the signal's reason when aborted. */
  read(signal?: AbortSignal): Promise<Uint8Array | null>;
  /** Puts bytes back in front of the next `read`. */
  unread(bytes: Uint8Array): void;
}

/** A writable byte sink; awaiting `write` is the backpressure. */
export interface Output {
  write(data: Uint8Array | string): Promise<void>;
}

/** Signal names as `kill -l` prints them, with the SIG prefix: "SIGTERM", "SIGKILL", "SIGINT". */
export type SignalName = string;

/** What `ps`, `top` and `kill` see of one process in the sandbox. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  /** The command line as `ps` shows it. */
  args: string[];
  startedMs: number;
  state: "R" | "S" | "T" | "Z";
}

export interface ProcessTable {
  list(): ProcessInfo[];
  /** Delivers a signal; false when no such process exists. */
  kill(pid: number, signal: SignalName): boolean;
}

/** Facts about the sandbox's host identity, as `uname`, `hostname`, `id`, `nproc`, `free` need them. */
export interface SystemInfo {
  hostname: string;
  /** Kernel facts as `uname` prints them. */
  kernel: { sysname: string; release: string; version: string; machine: string };
  ncpu: number;
  memTotalBytes: number;
  memFreeBytes(): number;
  bootTimeMs: number;
  /** The container's network, when it has one (`nc`, `wget`, `httpd`, `nslookup`, `ping`). */
  net?: NetworkStack;
}

/** A connected stream socket: bytes in, bytes out; closing the writable half-closes. */
export interface NetSocket {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  /** `address:port` of each end. */
  local: string;
  remote: string;
  /** Drops the connection both ways (RST). */
  reset(): void;
}

/** A listening socket. */
export interface NetListener {
  port: number;
  /** The next connection; rejects with the signal's reason when aborted. */
  accept(signal?: AbortSignal): Promise<NetSocket>;
  close(): void;
}

/**
 * A sandbox's sockets. Failures are {@link NetError}s with errno names, as libc reports them.
 */
export interface NetworkStack {
  /** Addresses for a name (or an IPv4 literal): /etc/hosts first, then the network's DNS. */
  resolve(name: string, signal?: AbortSignal): Promise<string[]>;
  /** The DNS server's address, as `nslookup` prints it. */
  readonly nameserver: string;
  connect(host: string, port: number, signal?: AbortSignal): Promise<NetSocket>;
  listen(port: number): Promise<NetListener>;
  /** Whether an address is reachable from here (what `ping` can truthfully tell without ICMP). */
  reachable(address: string, signal?: AbortSignal): Promise<boolean>;
}

export type NetErrorCode =
  | "ECONNREFUSED"
  | "EHOSTUNREACH"
  | "ENETUNREACH"
  | "EADDRINUSE"
  | "ENOTFOUND"
  | "ECONNRESET";

/** A failed socket operation; `message` reads like libc's strerror ("Connection refused"). */
export class NetError extends Error {
  constructor(readonly code: NetErrorCode, message: string) {
    super(message);
    this.name = "NetError";
  }
}

/** Options to run a further command from inside a process (xargs, find -exec, env, timeout). */
export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdin?: Input;
  stdout?: Output;
  stderr?: Output;
  signal?: AbortSignal;
}

/**
 * Everything a running program sees. An applet is `(ctx) => Promise<exitStatus>`; it must stop
 * promptly when `signal` aborts (its reason is the {@link SignalName}) and write through
 * `stdout`/`stderr` in chunks rather than byte by byte.
 */
export interface ProcessContext {
  /** argv[0] is the name the program was called by. */
  argv: string[];
  env: Record<string, string>;
  /** Absolute working directory. */
  cwd: string;
  pid: number;
  uid: number;
  gid: number;
  umask: number;
  stdin: Input;
  stdout: Output;
  stderr: Output;
  fs: FileSystem;
  signal: AbortSignal;
  processes: ProcessTable;
  system: SystemInfo;
  /**
   * Runs another command by name or path through the same lookup the shell uses and resolves to
   * its exit status. Rejects when the command cannot be executed at all (not found, not
   * executable, a native binary), as execvp fails: the error (sandbox/process `ExecError`) has
   * `status` 127 or 126 and the errno text as `message` ("No such file or directory").
   */
  spawn(argv: string[], options?: SpawnOptions): Promise<number>;
  /** Which of fds 0, 1, 2 are a terminal (`[ -t 1 ]`, `tty`); absent means none is. */
  tty?: readonly boolean[];
}

/** A built-in program: resolves to its exit status (0–255). */
export type Applet = (ctx: ProcessContext) => Promise<number>;
