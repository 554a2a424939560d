// `npm run docs:settings`: rewrites the README's settings table from server/src/config.ts.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../src/db/schema-engine.js";
import { withSettingsTable } from "../src/ops/settings-table.js";

const file = path.join(REPO_ROOT, "README.md");
fs.writeFileSync(file, withSettingsTable(fs.readFileSync(file, "utf8")));
console.log(`wrote the settings table of ${file}`);
