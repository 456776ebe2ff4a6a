import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

/** The query layer's handle: the Kysely instance and which engine is behind it, for the few engine-specific queries. */
export interface DatabaseContext {
  db: Kysely<Database>;
  engine: Engine;
}
