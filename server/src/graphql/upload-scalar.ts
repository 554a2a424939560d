// graphql-upload's Upload scalar, with failures of the multipart parser (malformed part
// headers, a request cut short) turned into BAD_USER_INPUT. type-graphql awaits argument
// promises before the resolver runs, so this is the only place such a failure can be named.
import { GraphQLScalarType } from "graphql";
import GraphQLUpload from "graphql-upload/GraphQLUpload.mjs";
import { badInput } from "./errors.js";

export const Upload = new GraphQLScalarType({
  ...GraphQLUpload.toConfig(),
  parseValue(value: unknown) {
    const parsed = GraphQLUpload.parseValue(value) as Promise<unknown>;
    return parsed.catch((err: Error & { status?: number }) => {
      if (err?.status === 413) throw badInput(`An uploaded file is larger than the upload limit`, { reason: "TOO_LARGE" });
      throw badInput(`An uploaded file could not be read: ${err?.message ?? err}`, { reason: "MALFORMED_UPLOAD" });
    });
  },
});
