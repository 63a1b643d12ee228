// Moves bytes both ways as transferred Web Streams and ArrayBuffers.
import { defineActor } from "../mod.ts";

export type StreamsMsg =
  | { type: "count"; body: ReadableStream<Uint8Array> }
  | { type: "upper"; body: ReadableStream<Uint8Array> }
  | { type: "produce"; size: number }
  | { type: "write-into"; sink: WritableStream<Uint8Array>; text: string }
  | { type: "buffer"; size: number }
  | { type: "measure"; data: ArrayBuffer };

export default defineActor<undefined, StreamsMsg>({
  async receive(msg, ctx) {
    switch (msg.type) {
      case "count": {
        let bytes = 0;
        let sum = 0;
        for await (const chunk of msg.body) {
          bytes += chunk.length;
          for (const byte of chunk) sum = (sum + byte) % 65521;
        }
        return { bytes, sum };
      }
      case "upper": {
        const upper = new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk, out) =>
            out.enqueue(chunk.map((b) => b >= 97 && b <= 122 ? b - 32 : b)),
        });
        return { body: msg.body.pipeThrough(upper) };
      }
      case "produce": {
        let left = msg.size;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            if (left === 0) return controller.close();
            const chunk = new Uint8Array(Math.min(left, 16_384)).map((_, i) =>
              (msg.size - left + i) % 251
            );
            left -= chunk.length;
            controller.enqueue(chunk);
          },
        });
      }
      case "write-into": {
        const writer = msg.sink.getWriter();
        await writer.write(new TextEncoder().encode(msg.text));
        await writer.close();
        return "written";
      }
      case "measure":
        return msg.data.byteLength;
      case "buffer": {
        const buffer = new Uint8Array(msg.size).fill(7).buffer;
        return ctx.reply(buffer, [buffer]);
      }
    }
  },
});
