// A Worker for parser_link_test.ts: parses through the port it is given and posts what it got.
import { parseShell, ShellSyntaxError, useShellParser } from "../parse.ts";

self.onmessage = (event: MessageEvent<{ port: MessagePort; sources: string[] }>) => {
  useShellParser(event.data.port);
  const results = event.data.sources.map((source) => {
    try {
      return { file: parseShell(source) };
    } catch (error) {
      const e = error as ShellSyntaxError;
      return { error: e instanceof ShellSyntaxError ? [e.line, e.text, e.incomplete] : String(e) };
    }
  });
  self.postMessage(results);
};
