// Whether this machine can run the OCR path (poppler's pdftoppm and tesseract; `.ci/run`
// installs both). Tests of that path skip with a message where they are missing.
import { execFileSync } from "node:child_process";

export const hasOcrTools: boolean = (() => {
  try {
    execFileSync("tesseract", ["--version"], { stdio: "ignore" });
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
