// Validates an AsyncAPI document with AsyncAPI's own parser (@asyncapi/parser): the AsyncAPI 3
// JSON Schema, its Spectral rules, and every $ref (the payload schemas in schemas/v1) resolved.
//
//   node validate-asyncapi.mjs schemas/asyncapi.yaml
//
// Prints every diagnostic; exits 1 when the parser reports an error or returns no document.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Parser, fromFile } from "@asyncapi/parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-asyncapi.mjs FILE");
  process.exit(2);
}
readFileSync(file); // a missing file is an error here, not a parser diagnostic
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, resolve(file)).parse();
const severity = ["error", "warning", "info", "hint"];
for (const d of diagnostics) {
  console.log(`${severity[d.severity] ?? d.severity}: ${d.code}: ${d.message} at ${d.path.join(".") || "/"}`);
}
const errors = diagnostics.filter((d) => d.severity === 0);
if (!document || errors.length) {
  console.log(`${file}: INVALID (${errors.length} error(s))`);
  process.exit(1);
}
const channels = document.channels().all().map((c) => c.address());
const payloads = document.components().messages().all().filter((m) => m.payload()?.json()?.properties);
console.log(`${file}: valid AsyncAPI ${document.version()}, ${channels.length} channels, ` +
  `${payloads.length} message payloads resolved`);
