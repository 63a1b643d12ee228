/**
 * A byte-for-byte unix socket relay between the docker CLI and the daemon that notes every
 * `501 Not Implemented` the daemon answers, with its message. The CLI prints only the message of
 * an error, not its status, so this is how the matrix tells "the backend refused, naming why"
 * from any other error without trusting the wording.
 *
 * @module
 */

/** A 501 seen on the wire: its order among all 501s and the daemon's message. */
export interface Refusal {
  seq: number;
  message: string;
}

export interface StatusTap {
  /** The socket the CLI talks to. */
  socket: string;
  /** Every 501 answered so far, oldest first. */
  refusals: Refusal[];
  close(): Promise<void>;
}

// A 501 head, then its body: plain, or the first chunk of a chunked one.
const REFUSAL =
  /HTTP\/1\.[01] 501 [^\r\n]*\r\n[^]*?\r\n\r\n(?:[0-9a-fA-F]+\r\n)?(\{"message":"(?:[^"\\]|\\.)*"\})/;

/**
 * Starts relaying `socket` to the daemon socket `target()` names (asked per connection, so the
 * relay follows a restarted daemon).
 */
export function startStatusTap(target: () => string, socket: string): StatusTap {
  const listener = Deno.listen({ transport: "unix", path: socket });
  const refusals: Refusal[] = [];
  const relays = new Set<Promise<void>>();
  const note = (message: string) => refusals.push({ seq: refusals.length + 1, message });
  const accepting = (async () => {
    for await (const client of listener) {
      const relay = relayConnection(client, target, note).finally(() => relays.delete(relay));
      relays.add(relay);
    }
  })().catch(() => {});
  return {
    socket,
    refusals,
    async close() {
      listener.close();
      await accepting;
      await Promise.allSettled([...relays]);
    },
  };
}

async function relayConnection(
  client: Deno.Conn,
  target: () => string,
  note: (message: string) => void,
): Promise<void> {
  let daemon: Deno.Conn;
  try {
    daemon = await Deno.connect({ transport: "unix", path: target() });
  } catch {
    client.close();
    return;
  }
  const scanner = refusalScanner(note);
  // Each direction forwards its half-close: the hijacked attach and exec streams depend on it.
  await Promise.allSettled([pump(client, daemon), pump(daemon, client, scanner)]);
  for (const conn of [client, daemon]) {
    try {
      conn.close();
    } catch {
      // Already closed by a failed pump.
    }
  }
}

async function pump(from: Deno.Conn, to: Deno.Conn, seen?: (bytes: Uint8Array) => void) {
  const buffer = new Uint8Array(65536);
  while (true) {
    let n: number | null;
    try {
      n = await from.read(buffer);
    } catch {
      n = null; // A reset reads as the end: the other side gets our half-close.
    }
    if (n === null) break;
    const bytes = buffer.subarray(0, n);
    seen?.(bytes);
    try {
      let offset = 0;
      while (offset < n) offset += await to.write(bytes.subarray(offset));
    } catch {
      // The receiver is gone; the other direction may still carry its last reply (a daemon
      // answers 501 and closes before reading an upload), so nothing else is closed here.
      return;
    }
  }
  try {
    await to.closeWrite();
  } catch {
    // Already gone.
  }
}

/** Scans the daemon's bytes for 501 replies, keeping only what a partial match needs. */
export function refusalScanner(note: (message: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder();
  let text = "";
  return (bytes) => {
    text += decoder.decode(bytes, { stream: true });
    let match;
    while ((match = REFUSAL.exec(text)) !== null) {
      note(JSON.parse(match[1]).message);
      text = text.slice(match.index + match[0].length);
    }
    const pending = text.lastIndexOf("HTTP/1.");
    // Streams (logs, attach) can be long: drop what cannot start a reply we still await.
    if (pending < 0) text = text.slice(-16);
    else if (text.length - pending > 65536) text = "";
    else text = text.slice(pending);
  };
}
