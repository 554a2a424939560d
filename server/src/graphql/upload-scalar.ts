// The `Upload` scalar of the GraphQL multipart request spec. Its values are placed into the
// variables by http/graphql-multipart.ts; the resolver gets the IncomingUpload itself (not a
// promise, so it runs as soon as `map` is read and awaits each file where it needs it).
import { GraphQLError, GraphQLScalarType } from "graphql";
import { IncomingUpload } from "../http/incoming-upload.js";

export const Upload = new GraphQLScalarType<IncomingUpload, never>({
  name: "Upload",
  description: "The `Upload` scalar type represents a file upload.",
  parseValue(value: unknown) {
    if (value instanceof IncomingUpload) return value;
    throw new GraphQLError("Upload value invalid: send files as a GraphQL multipart request.");
  },
  parseLiteral(node) {
    throw new GraphQLError("Upload literal unsupported.", { nodes: node });
  },
  serialize() {
    throw new GraphQLError("Upload serialization unsupported.");
  },
});
