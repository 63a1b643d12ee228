/**
 * Stream plumbing the backends share.
 *
 * @module
 */

/**
 * Passes `source` through, keeping chunks `keep` accepts, and calls `onEnd` exactly once when
 * it ends, fails, or the reader cancels: the moment nothing more will be read.
 */
export function watchEnd<T>(
  source: ReadableStream<T>,
  onEnd: () => void,
  keep: (chunk: T) => boolean = () => true,
): ReadableStream<T> {
  const reader = source.getReader();
  let ended = false;
  const end = () => {
    if (!ended) onEnd();
    ended = true;
  };
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done) {
            end();
            return controller.close();
          }
          if (keep(value)) return controller.enqueue(value);
        }
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
