// The PostgreSQL schema is schema.prisma with the provider and client output swapped: one
// model, two databases. Used by generate.mjs (client) and the migration tool (SQL).
export function toPostgresSchema(sqliteSchema) {
  const pg = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\/generated"/, 'output = "./client"');
  if (pg === sqliteSchema) throw new Error("could not derive the PostgreSQL schema from schema.prisma");
  return pg;
}
