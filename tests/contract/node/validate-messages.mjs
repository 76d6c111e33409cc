// Validates Kafka messages against wirewatch's JSON Schemas with ajv: a JavaScript implementation
// of JSON Schema 2020-12, independent of the Python `jsonschema` next to the generator, and one
// that checks formats (date-time, uri...) through ajv-formats, which Python's does not by default.
//
//   node validate-messages.mjs SCHEMA_DIR STAGE=FILE.jsonl [STAGE=FILE.jsonl ...]
//
// STAGE names a schema file (`alerts` -> SCHEMA_DIR/alerts.schema.json); each non-empty line of
// FILE is one message. Prints one line per file (`alerts: 12 valid`) and every invalid message;
// exits 1 when a schema does not compile or any message is invalid, 2 on bad usage.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaDir, ...pairs] = process.argv.slice(2);
if (!schemaDir || pairs.length === 0) {
  console.error("usage: node validate-messages.mjs SCHEMA_DIR STAGE=FILE.jsonl ...");
  process.exit(2);
}

// strict: unknown keywords and contradictory types in the schemas are errors, not ignored.
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

let failed = false;
const validators = new Map();
for (const pair of pairs) {
  const [stage, file] = pair.split("=", 2);
  let validate = validators.get(stage);
  if (!validate) {
    try {
      validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${stage}.schema.json`), "utf8")));
    } catch (error) {
      console.log(`${stage}: schema does not compile: ${error.message}`);
      failed = true;
      continue;
    }
    validators.set(stage, validate);
  }
  const lines = readFileSync(file, "utf8").split("\n").filter((line) => line.trim());
  let valid = 0;
  lines.forEach((line, index) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch (error) {
      console.log(`${stage}: ${file}:${index + 1}: not JSON: ${error.message}`);
      failed = true;
      return;
    }
    if (validate(message)) {
      valid += 1;
      return;
    }
    failed = true;
    const problems = validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}`);
    console.log(`${stage}: ${file}:${index + 1}: invalid: ${problems.join("; ")}`);
  });
  console.log(`${stage}: ${valid} of ${lines.length} valid (${file})`);
}
process.exit(failed ? 1 : 0);
