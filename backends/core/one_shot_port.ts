/**
 * A MessagePort that carries one message, closed at both ends once it has arrived. Deno keeps a
 * port's channel until that end itself is closed, even after its peer closed and was collected:
 * every sender end left open after posting (one per exec's exit status, one per deferred
 * reply) held ~5 KiB of the daemon's RSS for good. The sender cannot close right after posting,
 * since a message posted while the other end is still on its way to its receiver can then be
 * lost (seen with fast exits), so the receiver acknowledges and the sender closes on that.
 *
 * @module
 */

/** What the receiver answers: the message arrived, or nobody will read it any more. */
const RECEIVED = "received";

/** Posts `message` on `port` and closes the port once the receiver acknowledges it. */
export function postOnce(port: MessagePort, message: unknown, transfer: Transferable[] = []): void {
  port.onmessage = () => port.close();
  port.postMessage(message, transfer);
}

/** Waits for the one message on `port`, acknowledges it, closes this end, then hands it on. */
export function receiveOnce<T>(port: MessagePort, onMessage: (message: T) => void): void {
  port.onmessage = (event: MessageEvent<T>) => {
    closeReceived(port);
    onMessage(event.data);
  };
}

/** Gives up on `port`'s message: the sender may close its end too. */
export function closeReceived(port: MessagePort): void {
  port.onmessage = null;
  port.postMessage(RECEIVED);
  port.close();
}
