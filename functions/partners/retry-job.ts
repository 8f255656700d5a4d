import { job } from '#functions/platform/jobs.ts';
import { sweep } from './service.ts';
import { pendingTenants } from './pending.ts';

/** Every minute: pending webhook deliveries whose next attempt is due are tried again. */
export const handler = job('webhook-retries', sweep, { source: pendingTenants });
