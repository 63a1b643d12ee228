/**
 * Ceilings for the control-plane benchmark, on the same listener kind as the daemon (a unix
 * socket): `serve` is the minimal hello-world HTTP server (`Deno.serve`, Rust's hyper underneath);
 * `raw` answers a fixed response per blank line without parsing HTTP at all (the socket's own
 * limit). Usage: deno run -A bench/hello_server.ts serve|raw /path/to.sock
 */
const [kind, path] = Deno.args;
if (kind === "serve") {
  Deno.serve({ path, onListen: () => {} }, () => new Response("OK"));
} else {
  const response = new TextEncoder().encode("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
  const listener = Deno.listen({ transport: "unix", path });
  for await (const conn of listener) {
    (async () => {
      const buffer = new Uint8Array(65536);
      let pending = "";
      const decoder = new TextDecoder();
      try {
        while (true) {
          const n = await conn.read(buffer);
          if (n === null) break;
          pending += decoder.decode(buffer.subarray(0, n));
          let end;
          while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
            pending = pending.slice(end + 4);
            await conn.write(response);
          }
        }
      } catch {
        // Client went away.
      } finally {
        conn.close();
      }
    })();
  }
}
