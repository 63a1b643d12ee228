/**
 * Finds what must be transferred, not copied, when a message crosses a Worker boundary.
 *
 * @module
 */

/**
 * Streams and ports can only be transferred, never cloned, so they are collected from the message
 * (plain objects and arrays, any depth) and added to the caller's explicit list. ArrayBuffers are
 * cloneable, so they move only when the caller lists them (a transfer empties the sender's copy).
 */
export function transferList(message: unknown, explicit: Transferable[] = []): Transferable[] {
  const found = new Set<Transferable>(explicit);
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (
      value instanceof ReadableStream || value instanceof WritableStream ||
      value instanceof TransformStream || value instanceof MessagePort
    ) {
      found.add(value as Transferable);
      return;
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
    if (Array.isArray(value)) return value.forEach(visit);
    if (Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(visit);
  };
  visit(message);
  return [...found];
}
