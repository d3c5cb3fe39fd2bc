// Checks every response the end-to-end suites received against the schema the API description
// documents for its operation and status, so that the description cannot drift from the server.
// Usage: node check_responses.mjs OPENAPI.json LOG_DIR   (LOG_DIR: *.jsonl written by the tests)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [documentPath, logDir] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath, "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi.json");

// Path templates as regular expressions, most specific (fewest parameters) first.
const operations = [];
for (const [template, item] of Object.entries(document.paths)) {
  const pattern = new RegExp(
    "^" + template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$",
  );
  const params = (template.match(/\{/g) || []).length;
  for (const [method, operation] of Object.entries(item)) {
    if (method === "parameters") continue;
    operations.push({ method: method.toUpperCase(), template, pattern, params, operation });
  }
}
operations.sort((a, b) => a.params - b.params);

function resolve(node) {
  while (node && node.$ref) {
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  }
  return node;
}

const failures = new Map();  // the first problem of each operation and status
const checked = new Set();
for (const file of readdirSync(logDir).filter((f) => f.endsWith(".jsonl"))) {
  for (const line of readFileSync(join(logDir, file), "utf8").split("\n")) {
    if (!line) continue;
    const r = JSON.parse(line);
    const path = r.target.split("?")[0];
    const op = operations.find((o) => o.method === r.method && o.pattern.test(path));
    if (!op) continue;  // an unknown route or method: 404 and 405 belong to no operation
    const where = `${r.method} ${op.template} -> ${r.status}`;
    const response = resolve(op.operation.responses[String(r.status)]);
    checked.add(where);
    if (failures.has(where)) continue;
    if (!response) {
      failures.set(where, `${where}: status not documented`);
      continue;
    }
    const media = response.content?.[r.content_type];
    if (!response.content || r.body === null || r.content_type === "text/plain") continue;
    if (!media) {
      failures.set(where, `${where}: content type ${r.content_type} not documented`);
      continue;
    }
    const pointer = `#/paths/${op.template.replace(/~/g, "~0").replace(/\//g, "~1")}/${op.method.toLowerCase()}/responses/${r.status}`;
    const schemaRef = op.operation.responses[String(r.status)].$ref
      ? `openapi.json${op.operation.responses[String(r.status)].$ref}/content/${r.content_type.replace(/\//g, "~1")}/schema`
      : `openapi.json${pointer}/content/${r.content_type.replace(/\//g, "~1")}/schema`;
    const validate = ajv.getSchema(schemaRef);
    if (!validate(r.body)) {
      const problem = validate.errors
        .slice(0, 3)
        .map((e) => `${e.instancePath || "/"} ${e.message}`)
        .join("; ");
      failures.set(where, `${where}: ${problem}\n    ${JSON.stringify(r.body).slice(0, 300)}`);
    }
  }
}
for (const failure of failures.values()) console.log(failure);
// One check per operation and status that the suites produced.
console.log(`${checked.size - failures.size} passed, ${failures.size} failed`);
process.exit(failures.size === 0 && checked.size > 0 ? 0 : 1);
