/** Configuration read once per container; a missing required variable fails at start-up, not mid-request. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const env = {
  get tableName() {
    return required('TABLE_NAME');
  },
  /**
   * The largest zip an export download answers (bytes): a Lambda answer is at most 6 MB, and binary goes
   * base64 (4 bytes for 3), so 4 MB. A bigger export is split into several zips of whole files.
   */
  get exportZipBytes() {
    return Number(process.env.EXPORT_ZIP_BYTES ?? 4_000_000) || 4_000_000;
  },
  get region() {
    return process.env.AWS_REGION ?? 'us-east-1';
  },
  /** Set only in the local cloud: DynamoDB Local's address. */
  get dynamoEndpoint() {
    return process.env.DYNAMODB_ENDPOINT;
  },
  get cognitoEndpoint() {
    return process.env.COGNITO_ENDPOINT;
  },
  get userPoolId() {
    return required('USER_POOL_ID');
  },
  get userPoolClientId() {
    return required('USER_POOL_CLIENT_ID');
  },
  /** Issuer of ID tokens; derived from the pool in AWS, from cognito-local's address locally. */
  get tokenIssuer() {
    return required('TOKEN_ISSUER');
  },
  get jwksUrl() {
    return process.env.JWKS_URL ?? `${this.tokenIssuer}/.well-known/jwks.json`;
  },
  /** Role that module functions assume with a TenantID session tag (AWS only). */
  get tenantRoleArn() {
    return process.env.TENANT_ROLE_ARN;
  },
  get cursorSecretArn() {
    return required('CURSOR_SECRET_ARN');
  },
  get eventBusName() {
    return process.env.EVENT_BUS_NAME ?? 'default';
  },
  get eventBridgeEndpoint() {
    return process.env.EVENTBRIDGE_ENDPOINT;
  },
  /** Folder the local cloud writes outgoing mail to (invitations); in AWS, Cognito sends them. */
  get mailDir() {
    return process.env.MAIL_DIR;
  },
  /** Locally: cognito-local's database folder, where a reset code waits to be "mailed" (AWS mails it itself). */
  get cognitoDataDir() {
    return process.env.COGNITO_DATA_DIR;
  },
  get stage() {
    return process.env.STAGE ?? 'local';
  },
  /** SES identity alerts are sent from (AWS). */
  get mailFrom() {
    return process.env.MAIL_FROM ?? 'alerts@dingo.example';
  },
  /**
   * Outgoing calls (alert webhooks, robots) may go to plain-http loopback addresses: the local
   * cloud's development setting. Never set in AWS, where only https is allowed.
   */
  /** The local test cloud only: a request may pin "now" with `x-dingo-now` (platform/clock.ts). Never set in AWS. */
  get testClock() {
    return process.env.TEST_CLOCK === '1' && this.stage === 'local';
  },
  /**
   * The local cloud runs a scheduled job's units inside the tick, a few at once, and answers with
   * their results (its scheduler and tests wait for them); in AWS each unit is an event on the bus.
   */
  get runUnitsInProcess() {
    return process.env.JOB_UNITS_IN_PROCESS === '1';
  },
  get allowLoopbackHttp() {
    return process.env.ALLOW_LOOPBACK_HTTP === '1';
  },
};
