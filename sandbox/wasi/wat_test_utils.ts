/**
 * Small WASI programs for the tests, written in WAT and assembled with Debian's `wat2wasm`
 * (package `wabt`), so the tests run real modules rather than hand-made bytes.
 *
 * @module
 */

const IMPORTS = `
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
`;

/** Shared helpers: strlen, copy(fd→fd) returning errno, open(argv[i]) into the fd at 24. */
const HELPERS = `
  (func $strlen (param $p i32) (result i32) (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))
  (func $copy (param $from i32) (param $to i32) (result i32) (local $err i32)
    (block $eof (loop $more
      (i32.store (i32.const 0) (i32.const 4096))
      (i32.store (i32.const 4) (i32.const 8192))
      (local.set $err (call $fd_read (local.get $from) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (local.get $err) (then (return (local.get $err))))
      (br_if $eof (i32.eqz (i32.load (i32.const 8))))
      (i32.store (i32.const 4) (i32.load (i32.const 8)))
      (local.set $err (call $fd_write (local.get $to) (i32.const 0) (i32.const 1) (i32.const 12)))
      (if (local.get $err) (then (return (local.get $err))))
      (br $more)))
    (i32.const 0))
  ;; argc at 16; argv pointers at 1024; strings at 2048
  (func $args (result i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (drop (call $args_get (i32.const 1024) (i32.const 2048)))
    (i32.load (i32.const 16)))
  (func $arg (param $i i32) (result i32)
    (i32.load (i32.add (i32.const 1024) (i32.mul (local.get $i) (i32.const 4)))))
  (func $open (param $i i32) (param $oflags i32) (param $rights i64) (result i32)
    (call $path_open (i32.const 3) (i32.const 1)
      (call $arg (local.get $i)) (call $strlen (call $arg (local.get $i)))
      (local.get $oflags) (local.get $rights) (i64.const 0) (i32.const 0) (i32.const 24)))
`;

export const PROGRAMS = {
  hello: `(module ${IMPORTS}
    (data (i32.const 100) "hello from wasm\\n")
    (func (export "_start")
      (i32.store (i32.const 0) (i32.const 100))
      (i32.store (i32.const 4) (i32.const 16))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`,

  exit3: `(module ${IMPORTS} (func (export "_start") (call $proc_exit (i32.const 3))))`,

  /** cat: copies each argv path (relative to the "/" preopen) or stdin to stdout; exit = errno. */
  cat: `(module ${IMPORTS} ${HELPERS}
    (func (export "_start") (local $i i32) (local $argc i32) (local $err i32)
      (local.set $argc (call $args))
      (if (i32.le_u (local.get $argc) (i32.const 1))
        (then (call $proc_exit (call $copy (i32.const 0) (i32.const 1)))))
      (local.set $i (i32.const 1))
      (loop $each
        (local.set $err (call $open (local.get $i) (i32.const 0) (i64.const 2)))
        (if (local.get $err) (then (call $proc_exit (local.get $err))))
        (local.set $err (call $copy (i32.load (i32.const 24)) (i32.const 1)))
        (if (local.get $err) (then (call $proc_exit (local.get $err))))
        (drop (call $fd_close (i32.load (i32.const 24))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $i) (local.get $argc))))))`,

  /** save: writes stdin to the file argv[1] (created or truncated); exit = errno. */
  save: `(module ${IMPORTS} ${HELPERS}
    (func (export "_start") (local $err i32)
      (drop (call $args))
      ;; oflags CREAT|TRUNC = 9, rights FD_WRITE = 64
      (local.set $err (call $open (i32.const 1) (i32.const 9) (i64.const 64)))
      (if (local.get $err) (then (call $proc_exit (local.get $err))))
      (call $proc_exit (call $copy (i32.const 0) (i32.load (i32.const 24))))))`,

  /** sleep: one clock subscription of 60 s, then exit 0. */
  sleep: `(module ${IMPORTS}
    (func (export "_start")
      (i32.store8 (i32.const 108) (i32.const 0))
      (i32.store (i32.const 116) (i32.const 1))
      (i64.store (i32.const 124) (i64.const 60000000000))
      (drop (call $poll_oneoff (i32.const 100) (i32.const 200) (i32.const 1) (i32.const 300)))))`,

  trap: `(module ${IMPORTS} (func (export "_start") unreachable))`,

  /** needsEnv: imports a function no WASI runtime gives. */
  needsEnv: `(module (import "env" "js_only" (func)) (memory (export "memory") 1)
    (func (export "_start") (call 0)))`,

  /** random: writes 2 × 16 bytes from random_get to stdout. */
  random: `(module
    (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "_start")
      (drop (call $random_get (i32.const 100) (i32.const 16)))
      (drop (call $random_get (i32.const 116) (i32.const 16)))
      (i32.store (i32.const 0) (i32.const 100))
      (i32.store (i32.const 4) (i32.const 32))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`,
};

/** Whether `wat2wasm` is on PATH; tests that need it are skipped with a message otherwise. */
export function hasWat2Wasm(): boolean {
  try {
    return new Deno.Command("wat2wasm", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync()
      .success;
  } catch {
    return false;
  }
}

export async function assemble(wat: string): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/p.wat`, wat);
    const out = await new Deno.Command("wat2wasm", {
      args: [`${dir}/p.wat`, "-o", `${dir}/p.wasm`],
    }).output();
    if (!out.success) throw new Error(`wat2wasm failed: ${new TextDecoder().decode(out.stderr)}`);
    return await Deno.readFile(`${dir}/p.wasm`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
