/**
 * The single table, described once: the CDK DataStack and the local cloud both build it from here.
 * GSI1 serves tenant-wide lists (customers newest first, users, warehouses); GSI2 the customer
 * name-prefix search; GSI3 the tenant's event log, keys only (events are written often and read
 * rarely, so their index copy is kept small and the log reads the items it lists). GSI4 is the company's
 * inventory of its own items, keys only and without a sort key (`<tenantId>#ITEMS#<0-7>`): export and
 * the purge of a closed company find every item through it, with no Scan (functions/platform/inventory.ts).
 * Every partition key on the table and on every index begins with `<tenantId>#`.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: undefined, projection: 'KEYS_ONLY' },
  ],
} as const;
