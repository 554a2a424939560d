// The README's error tables, made from the catalogue: a test compares them with README.md, so
// the documentation cannot drift from the codes the server uses.
import { API_ERROR_CODE_INFO } from "./api-error-codes.js";
import { JOB_FAILURE_CODE_INFO } from "./job-failure-codes.js";

function table(info: Record<string, string>): string {
  return ["| code | meaning |", "|---|---|", ...Object.entries(info).map(([code, d]) => `| \`${code}\` | ${d} |`)].join("\n");
}

export const jobFailureTable = (): string => table(JOB_FAILURE_CODE_INFO);
export const apiErrorTable = (): string => table(API_ERROR_CODE_INFO);
