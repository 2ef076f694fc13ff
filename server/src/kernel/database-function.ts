// A database function (plpgsql) that a module owns, written as code: one definition, from which migrations are
// generated (scripts/db-functions.ts) and against which the latest migration is checked.
export interface DatabaseFunction {
  name: string
  /** The whole `CREATE OR REPLACE FUNCTION … $$;` statement. */
  definition: string
}
