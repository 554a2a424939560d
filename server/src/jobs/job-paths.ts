// Where a job's files live under STORAGE_DIR.
import path from "node:path";

export function jobDir(storageDir: string, jobId: string): string {
  return path.join(storageDir, "jobs", jobId);
}
export function inputsDir(storageDir: string, jobId: string): string {
  return path.join(jobDir(storageDir, jobId), "inputs");
}
/** Stage outputs: meshes, generated manual files. */
export function workDir(storageDir: string, jobId: string): string {
  return path.join(jobDir(storageDir, jobId), "work");
}
