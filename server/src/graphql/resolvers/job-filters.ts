// The `where` of the caller's jobs, shared by `jobs` and `jobCounts`.
import { ownedBy } from "../../auth/job-access.js";
import { sqliteConnectionOf } from "../../db/prisma.js";
import type { AppContext } from "../context.js";
import { badInput } from "../errors.js";

const MAX_SEARCH = 200;

export function jobsWhere(ctx: Pick<AppContext, "db" | "caller">, f: { status?: string; search?: string | null; needsReview?: boolean | null }) {
  const search = f.search?.trim();
  if (search && search.length > MAX_SEARCH) throw badInput(`search is at most ${MAX_SEARCH} characters`, { argument: "search" });
  // SQLite's LIKE ignores ASCII case already; PostgreSQL needs mode insensitive (SQLite rejects it).
  const mode = sqliteConnectionOf(ctx.db) ? {} : { mode: "insensitive" as const };
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.needsReview != null ? { needsReview: f.needsReview } : {}),
    ...ownedBy(ctx.caller),
    ...(search ? { inputs: { some: { originalName: { contains: search, ...mode } } } } : {}),
  };
}
