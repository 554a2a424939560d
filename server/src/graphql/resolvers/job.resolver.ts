import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { ownedBy } from "../../auth/job-access.js";
import { jobsWhere } from "./job-filters.js";
import { STAGES } from "../../stages/types.js";
import type { AppContext } from "../context.js";
import { badInput } from "../errors.js";
import { artifactUrl, stageResult, toJob } from "../mappers.js";
import { Artifact } from "../types/artifact.type.js";
import { BomNoticeCode, BomRow, BomSource, BomTable } from "../types/bom-row.type.js";
import { JobStatus, Stage, StageStatus } from "../types/enums.js";
import { InputFile } from "../types/input-file.type.js";
import { Job, JobConnection } from "../types/job.type.js";
import { JobQuality } from "../types/job-quality.type.js";
import { assessQuality } from "../../jobs/quality/assess.js";
import { Match, UnmatchedPart } from "../types/match.type.js";
import { StageState } from "../types/stage-state.type.js";
import { toErrorCode } from "../types/error-codes.type.js";
import { AssemblyNode, StepPart } from "../types/step-part.type.js";

const MAX_PAGE = 100;

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw badInput("Invalid cursor", { argument: "after" });
  return { createdAt, id };
}

@Resolver(() => Job)
export class JobResolver {
  @Query(() => Job, { nullable: true, description: "One job by id; null when there is no such job." })
  async job(@Arg("id", () => ID) id: string, @Ctx() ctx: AppContext): Promise<Job | null> {
    const row = await ctx.db.job.findFirst({ where: { id, ...ownedBy(ctx.caller) } });
    return row ? toJob(row) : null;
  }

  @Query(() => JobConnection, { description: "Jobs, newest first. Page with first/after (after = pageInfo.endCursor)." })
  async jobs(
    @Ctx() ctx: AppContext,
    @Arg("status", () => JobStatus, { nullable: true }) status?: JobStatus,
    @Arg("needsReview", () => Boolean, { nullable: true, description: "true: only jobs whose result needs review; false: only those that do not." })
    needsReview?: boolean,
    @Arg("first", () => Int, { defaultValue: 20, description: `At most ${MAX_PAGE}.` }) first = 20,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("search", () => String, { nullable: true, description: "Only jobs with an input file whose name contains this (case-insensitive)." })
    search?: string,
  ): Promise<JobConnection> {
    if (first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, { argument: "first" });
    const where = jobsWhere(ctx, { status, search, needsReview });
    const c = after ? decodeCursor(after) : null;
    const page = await ctx.db.job.findMany({
      where: c ? { ...where, OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: first + 1,
    });
    const rows = page.slice(0, first);
    const last = rows.at(-1);
    return {
      edges: rows.map((r) => ({ cursor: encodeCursor(r.createdAt, r.id), node: toJob(r) })),
      pageInfo: { hasNextPage: page.length > first, endCursor: last ? encodeCursor(last.createdAt, last.id) : null },
      totalCount: await ctx.db.job.count({ where }),
    };
  }

  @FieldResolver(() => [InputFile])
  async inputs(@Root() job: Job, @Ctx() ctx: AppContext): Promise<InputFile[]> {
    return ctx.db.inputFile.findMany({ where: { jobId: job.id }, orderBy: { storedPath: "asc" } });
  }

  @FieldResolver(() => [StageState], { description: "All five stages in pipeline order, with status and timings." })
  async stages(@Root() job: Job, @Ctx() ctx: AppContext): Promise<StageState[]> {
    const runs = await ctx.db.stageRun.findMany({ where: { jobId: job.id } });
    const latest = await Promise.all(
      STAGES.map((stage) =>
        ctx.db.jobEvent.findFirst({
          where: { jobId: job.id, stage, kind: "STAGE_PROGRESS" },
          orderBy: { seq: "desc" },
          select: { progress: true, message: true },
        }),
      ),
    );
    return STAGES.map((stage, i) => {
      const run = runs.find((r) => r.stage === stage);
      const status = (run?.status ?? "PENDING") as StageStatus;
      return {
        stage: stage as Stage,
        status,
        progress: status === StageStatus.SUCCEEDED ? 100 : (latest[i]?.progress ?? 0),
        message: run?.message ?? latest[i]?.message ?? undefined,
        failureCode: status === StageStatus.FAILED || status === StageStatus.CANCELLED ? toErrorCode(run?.errorCode) : undefined,
        startedAt: run?.startedAt ?? undefined,
        finishedAt: run?.finishedAt ?? undefined,
        durationMs: run?.durationMs ?? undefined,
        summary: run?.summary ? JSON.parse(run.summary) : undefined,
      };
    });
  }

  @FieldResolver(() => [BomRow], { description: "The BOM rows read from the drawing (empty until PDF_BOM is done)." })
  async bom(@Root() job: Job, @Ctx() ctx: AppContext): Promise<BomRow[]> {
    const r = await stageResult(ctx.db, job, "PDF_BOM");
    // Results stored before the printed cells were kept lack the newer fields.
    return (r?.rows ?? []).map((row, index) => ({
      ...row,
      index,
      columns: (row.columns ?? []) as BomRow["columns"],
      source: (row.source ?? "TEXT") as BomSource,
      warnings: row.warnings ?? [],
    }));
  }

  @FieldResolver(() => BomTable, { nullable: true, description: "Where the BOM table was found and how its header was read." })
  async bomTable(@Root() job: Job, @Ctx() ctx: AppContext): Promise<BomTable | null> {
    const r = await stageResult(ctx.db, job, "PDF_BOM");
    if (!r) return null;
    const notices = (r.notices ?? []).map((n) => ({ code: n.code as BomNoticeCode, message: n.message, rows: n.rows ?? [] }));
    return {
      page: r.page,
      headerMap: r.headerMap,
      warnings: r.warnings,
      columns: (r.columns ?? []) as BomTable["columns"],
      notices,
      ocr: r.ocr ?? null,
    };
  }

  @FieldResolver(() => JobQuality, { nullable: true, description: "Figures on the result (null until PDF_BOM is done)." })
  async quality(@Root() job: Job, @Ctx() ctx: AppContext): Promise<JobQuality | null> {
    const bom = await stageResult(ctx.db, job, "PDF_BOM");
    if (!bom) return null;
    const [step, matching] = await Promise.all([stageResult(ctx.db, job, "STEP_EXTRACT"), stageResult(ctx.db, job, "MATCHING")]);
    return assessQuality(bom, step, matching);
  }

  @FieldResolver(() => [StepPart], { description: "Distinct parts of the STEP assembly (empty until STEP_EXTRACT is done)." })
  async parts(@Root() job: Job, @Ctx() ctx: AppContext): Promise<StepPart[]> {
    const r = await stageResult(ctx.db, job, "STEP_EXTRACT");
    return (r?.parts ?? []).map((p, index) => ({ ...p, index }));
  }

  @FieldResolver(() => AssemblyNode, { nullable: true })
  async assemblyTree(@Root() job: Job, @Ctx() ctx: AppContext): Promise<AssemblyNode | null> {
    return (await stageResult(ctx.db, job, "STEP_EXTRACT"))?.tree ?? null;
  }

  @FieldResolver(() => [Match], { description: "One entry per BOM row (empty until MATCHING is done)." })
  async matches(@Root() job: Job, @Ctx() ctx: AppContext): Promise<Match[]> {
    return (await stageResult(ctx.db, job, "MATCHING"))?.matches ?? [];
  }

  @FieldResolver(() => [Int], { description: "BOM rows (indices) no STEP part matched." })
  async unmatchedBomRows(@Root() job: Job, @Ctx() ctx: AppContext): Promise<number[]> {
    return (await stageResult(ctx.db, job, "MATCHING"))?.unmatchedBomRows ?? [];
  }

  @FieldResolver(() => [UnmatchedPart], { description: "STEP parts no BOM row matched, with the nearest rows." })
  async unmatchedParts(@Root() job: Job, @Ctx() ctx: AppContext): Promise<UnmatchedPart[]> {
    const r = await stageResult(ctx.db, job, "MATCHING");
    if (!r) return [];
    const near = new Map((r.partCandidates ?? []).map((p) => [p.partIndex, p.candidates]));
    return r.unmatchedParts.map((partIndex) => ({ partIndex, candidates: near.get(partIndex) ?? [] }));
  }

  @FieldResolver(() => [Artifact])
  async artifacts(@Root() job: Job, @Ctx() ctx: AppContext): Promise<Artifact[]> {
    const rows = await ctx.db.artifact.findMany({ where: { jobId: job.id }, orderBy: { name: "asc" } });
    return rows.map((a) => ({ ...a, url: artifactUrl(ctx, job.id, a.name) }));
  }

  @FieldResolver(() => String, { nullable: true, description: "The HTML manual, once generated." })
  async manualUrl(@Root() job: Job, @Ctx() ctx: AppContext): Promise<string | null> {
    const a = await ctx.db.artifact.findUnique({ where: { jobId_name: { jobId: job.id, name: "manual.html" } } });
    return a ? artifactUrl(ctx, job.id, a.name) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The PDF manual, once generated." })
  async manualPdfUrl(@Root() job: Job, @Ctx() ctx: AppContext): Promise<string | null> {
    const a = await ctx.db.artifact.findUnique({ where: { jobId_name: { jobId: job.id, name: "manual.pdf" } } });
    return a ? artifactUrl(ctx, job.id, a.name) : null;
  }
}
