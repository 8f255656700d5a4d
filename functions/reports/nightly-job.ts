import { job } from '#functions/platform/jobs.ts';
import { nightlyReport } from './service.ts';

/** Nightly: yesterday's sales report per company (`report.generated`). */
export const handler = job('nightly-report', nightlyReport);
