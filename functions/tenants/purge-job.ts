import { job } from '#functions/platform/jobs.ts';
import { closedTenants, purgeTenant } from './closure.ts';

/** Daily: every closed company whose 7 days are over is purged, one unit each (closure.ts). */
export const handler = job('tenant-purge', purgeTenant, { source: closedTenants });
