import { job } from '#functions/platform/jobs.ts';
import { unrolled } from './entries.ts';
import { nightlyReport } from './service.ts';

/**
 * Nightly: the report entries of the days that are over rolled up (entries.ts), then yesterday's sales
 * report per company (`report.generated`). A company is visited for two days after its last event (its
 * report consumer may still be writing) and then until its entries are rolled and no day is dirty.
 */
export const handler = job('nightly-report', nightlyReport, {
  stillOpen: async (t, _now, recent) => recent || (await unrolled(t)),
});
