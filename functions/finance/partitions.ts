/**
 * Finance's partitions that stay out of the company inventory, by name: the tenant purge deletes them
 * (functions/tenants/closure.ts) without reaching into this module's store.
 */

/** Finance's queue of invoices waiting for a fapiao, one partition per queued status. */
export const fapiaoQueuePartitions = (tenantId: string) => [
  `${tenantId}#FAPIAO#not_requested`,
  `${tenantId}#FAPIAO#requested`,
];
