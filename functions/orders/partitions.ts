/**
 * Orders' partitions that stay out of the company inventory, by name: the tenant purge deletes them
 * (functions/tenants/closure.ts) without reaching into this module's store.
 */

/** Which order each shipment belongs to: one partition a company, one item per shipment. */
export const shipmentRefPartition = (tenantId: string) => `${tenantId}#SHIPMENTS`;
