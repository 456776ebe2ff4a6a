import { startTestAssay } from './support/assay.ts';
import { engineCases } from './support/database.ts';

const sqlite = engineCases.find((entry) => entry.engine === 'sqlite')!;
const runs = Number(process.argv[2] ?? 10);
let bad = 0;
for (let run = 0; run < runs; run++) {
  const database = await sqlite.create();
  const assay = await startTestAssay({ database, env: { ASSAY_DEMO: 'true' } });
  await assay.server.syncNow();
  const rows = await assay.server.database.db
    .selectFrom('signature_results')
    .select(['reason', 'status'])
    .where('reason', 'in', ['unknown-key', 'identity-mismatch'])
    .execute();
  if (rows.length > 0) bad += 1;
  console.log(`run ${run}: unknown-signer results ${rows.length}`);
  await assay.stop();
  await database.drop();
}
console.log(`bad ${bad} of ${runs}`);
