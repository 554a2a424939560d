// Writes schema.graphql from the type-graphql schema.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../src/db/schema-engine.js";
import { printAppSchema } from "../src/graphql/print-schema.js";

const file = path.join(REPO_ROOT, "schema.graphql");
fs.writeFileSync(file, await printAppSchema());
console.log(`wrote ${file}`);
