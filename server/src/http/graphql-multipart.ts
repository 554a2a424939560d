// GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec),
// parsed with @fastify/busboy: `operations`, then `map`, then the files in any order. GraphQL
// runs as soon as `map` is read, with an IncomingUpload wherever a file goes; each file part
// is written once, straight to a staging file in STORAGE_DIR (graphql-upload buffered it in
// os.tmpdir() and we then read it back and wrote it again: three passes over every byte).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import type { Request, RequestHandler, Response } from "express";
import { HttpError, IncomingUpload } from "./incoming-upload.js";

const SPEC = "https://github.com/jaydenseric/graphql-multipart-request-spec";

export interface MultipartOptions {
  /** Where parts are written while they arrive; must be on the same filesystem as the jobs. */
  stagingDir: string;
  maxFileSize: number;
  maxFiles: number;
  /** `operations` and `map` (bytes). */
  maxFieldSize?: number;
  /**
   * Who may upload at all (API key, rate limit), asked before a byte of the body is read: a
   * refused request is answered at once and never writes to staging. null = admitted.
   */
  admit?: (req: Request) => Promise<HttpError | null> | HttpError | null;
}

/** Control characters other than tab. */
const CONTROL_CHARS = /[\0-\x08\x0a-\x1f\x7f]/;

export function graphqlMultipart(opts: MultipartOptions): RequestHandler {
  fs.mkdirSync(opts.stagingDir, { recursive: true });
  return async (req, res, next) => {
    if (!req.is("multipart/form-data")) return next();
    // Refused before the body is read: answered now, and the connection closed after the
    // answer (its unread body would otherwise hold the socket, or the answer, forever).
    const refuse = (err: HttpError) => {
      res.setHeader("Connection", "close");
      req.resume();
      next(err);
    };
    if (!/;\s*boundary=/i.test(req.headers["content-type"] ?? "")) return refuse(new HttpError(400, "Multipart request without a boundary"));
    try {
      const refused = await opts.admit?.(req);
      if (refused) return refuse(refused);
    } catch (err) {
      return next(err);
    }
    const uploads = new Map<string, IncomingUpload>();
    // What no resolver moved into place (a rejected request, an unused or extra file) goes.
    const release = () => Promise.all([...uploads.values()].map((u) => u.discard()));
    holdResponse(req, res, release);
    res.once("close", () => void release()); // the client left before an answer
    parse(req, opts, uploads, next);
  };
}

/**
 * Removes staging files untouched for `staleMs` (a live upload keeps writing; instances sharing
 * the storage dir may be receiving the others) now and then periodically. Returns stop().
 */
export function startStagingSweeper(dir: string, staleMs: number): () => void {
  const sweep = () => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return; // not there (yet, or any more)
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (Date.now() - fs.statSync(file).mtimeMs > staleMs) fs.rmSync(file, { force: true });
      } catch {
        // another instance sharing the storage dir removed or moved it first
      }
    }
  };
  fs.mkdirSync(dir, { recursive: true });
  sweep();
  const timer = setInterval(sweep, Math.min(60_000, Math.max(500, staleMs / 2)));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The answer waits until the request is consumed (many clients cannot read it before they have
 * sent the whole body; graphql-upload did the same) and until every file no resolver took is
 * removed, so a client that got an error never finds its upload on disk.
 */
function holdResponse(req: Request, res: Response, release: () => Promise<unknown>): void {
  const { send } = res;
  res.send = ((...args: Parameters<typeof send>) => {
    const requestDone = req.closed ? Promise.resolve() : new Promise((resolve) => req.once("close", resolve));
    void requestDone
      .then(release)
      .catch((err) => console.error("[upload] staging cleanup failed", err))
      .finally(() => {
        res.send = send;
        res.send(...args);
      });
    return res;
  }) as typeof send;
}

function parse(req: Request, opts: MultipartOptions, uploads: Map<string, IncomingUpload>, next: (err?: unknown) => void): void {
  let parser: BusboyInstance;
  try {
    // @fastify/busboy, not busboy: its boundary search takes a fifth of the time over a 200 MB
    // part (10–20 vs ~50 ms, measured), and that search runs on the event loop for every byte.
    parser = Busboy({
      headers: req.headers as Parameters<typeof Busboy>[0]["headers"],
      limits: { fieldSize: opts.maxFieldSize ?? 1_000_000, fields: 2, fileSize: opts.maxFileSize, files: opts.maxFiles },
    });
  } catch (err) {
    return next(new HttpError(400, (err as Error).message)); // e.g. no boundary
  }
  let operations: object | undefined;
  let mapped = false;
  let forwarded = false; // GraphQL has the request (or the error handler has)
  let exitError: Error | undefined;

  const exit = (err: Error, fromParser = false) => {
    if (exitError) return;
    exitError = err;
    for (const upload of uploads.values()) void upload.fail(err);
    if (fromParser) parser.destroy();
    else parser.destroy(err);
    req.unpipe(parser);
    // Drain the rest of the body: the response waits for it (holdResponse).
    setImmediate(() => req.resume());
    if (!forwarded) {
      forwarded = true;
      next(err);
    }
  };
  const bad = (message: string) => exit(new HttpError(400, `${message} (${SPEC}).`));

  parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
    if (exitError) return;
    if (valueTruncated) return exit(new HttpError(413, `The ‘${name}’ multipart field value exceeds the size limit.`));
    if (name === "operations") {
      try {
        operations = JSON.parse(value) as object;
      } catch {
        return bad("Invalid JSON in the ‘operations’ multipart field");
      }
      if (typeof operations !== "object" || !operations) return bad("Invalid type for the ‘operations’ multipart field");
    } else if (name === "map") {
      if (!operations) return bad("Misordered multipart fields; ‘map’ should follow ‘operations’");
      let map: unknown;
      try {
        map = JSON.parse(value);
      } catch {
        return bad("Invalid JSON in the ‘map’ multipart field");
      }
      if (typeof map !== "object" || !map || Array.isArray(map)) return bad("Invalid type for the ‘map’ multipart field");
      const entries = Object.entries(map);
      if (entries.length > opts.maxFiles) return exit(new HttpError(413, `${opts.maxFiles} max file uploads exceeded.`));
      mapped = true;
      for (const [field, paths] of entries) {
        if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string")) return bad(`Invalid ‘map’ entry ‘${field}’`);
        const upload = new IncomingUpload();
        uploads.set(field, upload);
        for (const p of paths as string[])
          if (!setPath(operations, p, upload)) return bad(`Invalid object path ‘${p}’ in the ‘map’ entry ‘${field}’`);
      }
      forwarded = true;
      req.body = operations;
      setImmediate(next); // not from inside busboy's event: GraphQL starts on a clean stack
    }
  });

  parser.on("file", (name, stream, filename, _encoding, mimeType) => {
    const upload = uploads.get(name);
    if (!upload || exitError) {
      drain(stream); // a file nobody mapped is ignored, as the spec allows
      if (!mapped) bad("Misordered multipart fields; files should follow ‘map’");
      return;
    }
    // HTTP allows no control characters in a header; busboy refused such a part header and so
    // do we (@fastify/busboy passes them through).
    if (CONTROL_CHARS.test(filename ?? "")) {
      drain(stream);
      return exit(new HttpError(400, "Malformed part header: control character in the file name"));
    }
    const staging = path.join(opts.stagingDir, `${randomUUID()}.part`);
    upload.receive(stream, { filename: filename ?? "", mimetype: mimeType }, staging);
  });

  parser.once("filesLimit", () => exit(new HttpError(413, `${opts.maxFiles} max file uploads exceeded.`)));
  // `on`: a malformed part header and an unexpected end can both be emitted; each must be handled.
  // (Our own errors come back here after parser.destroy(err); exit ignores them.)
  parser.on("error", (err: Error) => exit(err instanceof HttpError ? err : new HttpError(400, err.message), true));
  parser.once("finish", () => {
    req.unpipe(parser);
    req.resume();
    if (!operations) return bad("Missing multipart field ‘operations’");
    if (!mapped) return bad("Missing multipart field ‘map’");
    for (const upload of uploads.values()) void upload.fail(new HttpError(400, "File missing in the request."));
  });

  req.once("close", () => {
    if (!req.readableEnded) exit(new HttpError(499, "Request disconnected during file upload stream parsing."));
  });
  req.pipe(parser);
}

/** Reads a part's stream to its end without keeping it (busboy waits until every part is read). */
function drain(stream: NodeJS.ReadableStream): void {
  stream.on("error", () => {});
  stream.resume();
}

/** Puts `value` at a dot path ("variables.steps.1") of the operations; false if there is no such place. */
function setPath(root: object, dotPath: string, value: unknown): boolean {
  const keys = dotPath.split(".");
  let obj = root as Record<string, unknown>;
  for (const [i, key] of keys.entries()) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") return false;
    if (i === keys.length - 1) {
      obj[key] = value;
      return true;
    }
    if (obj[key] === undefined || obj[key] === null) obj[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    else if (!Object.hasOwn(obj, key) || typeof obj[key] !== "object") return false;
    obj = obj[key] as Record<string, unknown>;
  }
  return false;
}
