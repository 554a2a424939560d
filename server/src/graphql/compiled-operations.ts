// Subscription events executed by a compiled operation (graphql-jit) instead of graphql's
// interpreter. graphql's execute() re-collects the selection set, re-coerces the variables and
// re-reads the argument values of the operation for every event; at tens of thousands of events
// per second that was a quarter of the main thread's time and a good part of its garbage.
// graphql-jit turns the operation into a function once; each event is then one call.
import { execute, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/** Compiled operations kept per schema (clients send few distinct subscription documents). */
const MAX_COMPILED = 200;

type Run = (rootValue: unknown) => ExecutionResult | Promise<ExecutionResult>;
const compiled = new WeakMap<GraphQLSchema, Map<string, CompiledQuery | null>>();

/**
 * The function that executes the operation of `args` for one event (its root value). Falls back
 * to graphql's execute() when graphql-jit cannot compile the operation.
 */
export function eventExecutor(args: ExecutionArgs, key: string): Run {
  const query = compiledFor(args.schema, args.document, args.operationName ?? undefined, key);
  if (!query) return (rootValue) => execute({ ...args, rootValue });
  const variables = args.variableValues ?? {};
  return (rootValue) => query.query(rootValue, args.contextValue, variables) as ExecutionResult | Promise<ExecutionResult>;
}

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, key: string): CompiledQuery | null {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new Map()));
  let query = bySchema.get(key);
  if (query === undefined) {
    const c = compileQuery(schema, document, operationName);
    query = isCompiledQuery(c) ? c : null;
    if (bySchema.size >= MAX_COMPILED) bySchema.delete(bySchema.keys().next().value!); // oldest first
    bySchema.set(key, query);
  }
  return query;
}
