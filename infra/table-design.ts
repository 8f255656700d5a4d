/**
 * The single table, described once: the CDK DataStack and the local cloud both build it from here.
 * GSI1 serves tenant-wide lists (customers newest first, users, the event log); GSI2 serves the
 * customer name-prefix search. Every partition key on the table and both indexes begins with `<tenantId>#`.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;
