// Budgets for uploaded .zip archives. Each is a documented setting (README, "STEP uploads") read
// from the environment of the worker, with a default that fits a large Pack-and-Go folder.

export interface ZipLimits {
  /** Most entries (files, folders, junk) one archive may list. STEP_ZIP_MAX_ENTRIES. */
  maxEntries: number;
  /** Most bytes the STEP entries may unpack to, summed. STEP_ZIP_MAX_UNPACKED_MB. */
  maxUnpackedBytes: number;
  /** Largest unpacked / packed ratio of one entry (zip bombs). STEP text packs ~5–20×. STEP_ZIP_MAX_RATIO. */
  maxRatio: number;
  /** Longest entry name, in bytes. STEP_ZIP_MAX_NAME_BYTES. */
  maxNameBytes: number;
}

/** Largest total of unpacked STEP bytes accepted from one archive by default. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxUnpackedBytes: MAX_UNZIPPED_BYTES,
  maxRatio: 200,
  maxNameBytes: 1024,
};

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The limits in force: defaults overridden by STEP_ZIP_* environment settings. */
export function zipLimitsFromEnv(): ZipLimits {
  return {
    maxEntries: envNumber("STEP_ZIP_MAX_ENTRIES", DEFAULT_ZIP_LIMITS.maxEntries),
    maxUnpackedBytes: envNumber("STEP_ZIP_MAX_UNPACKED_MB", DEFAULT_ZIP_LIMITS.maxUnpackedBytes / 1024 / 1024) * 1024 * 1024,
    maxRatio: envNumber("STEP_ZIP_MAX_RATIO", DEFAULT_ZIP_LIMITS.maxRatio),
    maxNameBytes: envNumber("STEP_ZIP_MAX_NAME_BYTES", DEFAULT_ZIP_LIMITS.maxNameBytes),
  };
}
