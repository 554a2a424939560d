// The SDL checked in as schema.graphql (clients generate their types from it).
import { printSchema } from "graphql";
import { buildAppSchema } from "./schema.js";

export async function printAppSchema(): Promise<string> {
  const header = "# Generated from the type-graphql schema by `npm run schema:print`. Do not edit.\n\n";
  return header + printSchema(await buildAppSchema()) + "\n";
}
