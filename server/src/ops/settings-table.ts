// The README's settings table, generated from config.ts's SETTINGS: written by
// `npm run docs:settings`, compared with the README by a test (ops/settings-docs.test.ts).
import { settingDocs } from "../config.js";

export const TABLE_BEGIN = "<!-- settings:begin — generated from server/src/config.ts by `npm run docs:settings`; edit there -->";
export const TABLE_END = "<!-- settings:end -->";

/** The Markdown table, one row per variable, in SETTINGS order. */
export function settingsTable(): string {
  const rows = settingDocs().map((s) => `| \`${s.name}\` | ${s.shown} | ${s.doc} |`);
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}

/** `readme` with the text between the markers replaced by the current table. */
export function withSettingsTable(readme: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`README has no settings markers (${TABLE_BEGIN} … ${TABLE_END})`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}
