/** Helpers for the tar tests: crafted archives and GNU tar (Debian's `tar`) as an oracle. */
import { packTar, type TarEntry } from "modern-tar";

export const text = (s: string) => new TextEncoder().encode(s);
export const str = (b: Uint8Array) => new TextDecoder().decode(b);

export function streamOf(bytes: Uint8Array, chunk = 1000): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const compress = new CompressionStream("gzip") as unknown as TransformStream<
    Uint8Array,
    Uint8Array
  >;
  return await collect(streamOf(bytes).pipeThrough(compress));
}

export function pack(entries: TarEntry[]): Promise<Uint8Array> {
  return packTar(entries);
}

/** Runs GNU tar; the tests that use it say so when it is missing. */
export async function gnuTar(args: string[], cwd: string, stdin?: Uint8Array) {
  const child = new Deno.Command("tar", {
    args,
    cwd,
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  if (stdin) {
    const writer = child.stdin.getWriter();
    await writer.write(stdin);
    await writer.close();
  }
  const out = await child.output();
  if (!out.success) throw new Error(`tar ${args.join(" ")} failed: ${str(out.stderr)}`);
  return out.stdout;
}
