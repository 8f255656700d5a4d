import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, importJWK, decodeJwt } from 'jose';
import { api, cloud, expectProblem, newTenant, userWithRole, type TestTenant } from '#infra/local/testing.ts';

const require = createRequire(import.meta.url);
let owner: TestTenant;
beforeAll(async () => {
  owner = await newTenant();
});

const me = (token: string) => api('/v1/me', { token });

describe('authentication', () => {
  // Guarantees: only tokens our user pool signed, unexpired, for our client, open the API.
  it('accepts the login token', async () => {
    expect((await me(owner.token)).status).toBe(200);
  });

  it('answers 401 to a missing, malformed or garbage credential', async () => {
    expectProblem(await api('/v1/me'), 401);
    expectProblem(await api('/v1/me', { headers: { authorization: 'Basic abc' } }), 401);
    expectProblem(await me('not.a.jwt'), 401);
    expectProblem(await me('dk_live_doesnotexist'), 401);
  });

  it('answers 401 to a token with our claims signed by another key (forged)', async () => {
    const claims = decodeJwt(owner.token);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
    expectProblem(await me(forged), 401);
  });

  it("answers 401 to an expired token, even one signed with the pool's own key", async () => {
    // cognito-local ships its signing key; with it we can mint a correctly signed but expired token.
    const { jwk } = JSON.parse(
      readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8'),
    );
    const key = await importJWK(jwk, 'RS256');
    const claims = decodeJwt(owner.token);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? 'CognitoLocal' })
      .sign(key);
    const fresh = await new SignJWT({ ...claims, iat: now, exp: now + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? 'CognitoLocal' })
      .sign(key);
    expect((await me(fresh)).status).toBe(200); // the key is the real one: only expiry differs
    expectProblem(await me(expired), 401);
  });

  it('answers 401 to a token from another user pool', async () => {
    const {
      CognitoIdentityProviderClient,
      CreateUserPoolCommand,
      CreateUserPoolClientCommand,
      AdminCreateUserCommand,
      AdminSetUserPasswordCommand,
      InitiateAuthCommand,
    } = await import('@aws-sdk/client-cognito-identity-provider');
    const idp = new CognitoIdentityProviderClient({
      endpoint: cloud().endpoints.cognito,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const pool = await idp.send(new CreateUserPoolCommand({ PoolName: `other-${Date.now()}` }));
    const client = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.UserPool!.Id!, ClientName: 'other' }),
    );
    const claims = decodeJwt(owner.token);
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.UserPool!.Id!,
        Username: 'intruder@example.com',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'custom:tenantId', Value: String(claims['custom:tenantId']) },
          { Name: 'custom:userId', Value: String(claims['custom:userId']) },
        ],
      }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.UserPool!.Id!,
        Username: 'intruder@example.com',
        Password: 'Intruder123',
        Permanent: true,
      }),
    );
    const auth = await idp.send(
      new InitiateAuthCommand({
        ClientId: client.UserPoolClient!.ClientId!,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'intruder@example.com', PASSWORD: 'Intruder123' },
      }),
    );
    expectProblem(await me(auth.AuthenticationResult!.IdToken!), 401);
  });
});

describe('authorization follows the table, not the token', () => {
  // Guarantees: a role change or removal takes effect on the next request, whatever the authorizer has cached, not at token expiry.
  it('applies a role change and a removal on the next request', async () => {
    const sales = await userWithRole(owner, 'sales');
    expect((await api('/v1/customers', { token: sales.token, body: { name: '销售建的客户' } })).status).toBe(201);
    const user = await api(`/v1/users/${sales.userId}`, { token: owner.token });
    await api(`/v1/users/${sales.userId}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'viewer' },
      headers: { 'if-match': `"${user.body.version}"` },
    });
    expectProblem(await api('/v1/customers', { token: sales.token, body: { name: '不该建成' } }), 403);
    await api(`/v1/users/${sales.userId}`, { method: 'DELETE', token: owner.token });
    expectProblem(await me(sales.token), 401);
  });
});
