// npm run fuzz -- [--seed N] [--seconds S] [--per-input-ms MS] [--no-save] [--differential]
// Seeded mutation fuzzing of the PDF and STEP stages (see server/test/support/fuzz.ts).
// Findings are saved under server/test/fuzz-regressions/ and replayed by npm test.
import { fuzz } from "../test/support/fuzz.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const seed = arg("seed", Date.now() % 1_000_000);
const seconds = arg("seconds", 120);
const report = await fuzz({
  seed,
  budgetMs: seconds * 1000,
  perInputMs: arg("per-input-ms", 30_000),
  save: !process.argv.includes("--no-save"),
  sharedSeeds: true,
  differential: process.argv.includes("--differential"),
  log: (line) => console.log(line),
});
console.log(
  `fuzz seed ${seed}: ${report.runs} inputs in ${seconds} s; outcomes ${JSON.stringify(report.codes)}; ${report.findings.length} finding(s)`,
);
process.exit(report.findings.length ? 1 : 0);
