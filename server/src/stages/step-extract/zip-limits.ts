// Budgets for uploaded .zip archives, with defaults that fit a large Pack-and-Go folder. Each is
// a setting (config.ts, STEP_ZIP_*), handed to the stage in its input.

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
