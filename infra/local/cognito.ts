import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { freePort, spawnTied, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);
const POOL_NAME = 'dingo-local';

/** cognito-local: sign-up, password auth and a JWKS, kept in dir/.cognito. */
export async function startCognito(options: { dir: string; port?: number }) {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  const entry = require.resolve('cognito-local/lib/bin/start.js');
  const child = spawnTied(process.execPath, [entry], {
    cwd: options.dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await waitFor(
    'cognito-local',
    async () => {
      await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      return true;
    },
    60_000,
    child,
  ).catch((error) => {
    throw new Error(`${error.message}\n${output.slice(-2000)}`);
  });

  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let poolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
  if (!poolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        Schema: [
          { Name: 'tenantId', AttributeDataType: 'String', Mutable: false },
          { Name: 'userId', AttributeDataType: 'String', Mutable: false },
        ],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
          },
        },
      }),
    );
    poolId = created.UserPool!.Id!;
  }
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 10 }));
  let clientId = clients.UserPoolClients?.[0]?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'dingo-web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = created.UserPoolClient!.ClientId!;
  }
  // cognito-local names itself by HOST/PORT; the issuer in its tokens is this.
  const issuer = `http://127.0.0.1:${port}/${poolId}`;
  return { child, endpoint, poolId, clientId, issuer, jwksUrl: `${endpoint}/${poolId}/.well-known/jwks.json` };
}
