import { job } from '#functions/platform/jobs.ts';
import { unrolled } from './entries.ts';
import { nightlyReport } from './service.ts';

/**
 * Nightly: the report entries of days three days old rolled up (entries.ts), then yesterday's sales
 * report per company (`report.generated`). A company is visited until its entries are rolled.
 */
export const handler = job('nightly-report', nightlyReport, { stillOpen: unrolled });
