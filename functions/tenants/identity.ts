import { randomBytes } from 'node:crypto';
import type {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { env } from '#functions/platform/env.ts';
import { writeLocalMail } from '#functions/platform/local-mail.ts';
import {
  ConflictError,
  HttpError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from '#functions/platform/errors.ts';

type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');
let loaded: Promise<{ sdk: CognitoSdk; client: CognitoIdentityProviderClient }> | undefined;

/**
 * Cognito (cognito-local in the local cloud): passwords and tokens live there, roles in our table. The SDK is
 * loaded on the first sign-in, invitation or deletion: the orders, imports and after-sales functions bundle
 * this module (through the tenants service) and never call it, and a cold start would read it for nothing.
 */
function cognito() {
  loaded ??= import('@aws-sdk/client-cognito-identity-provider').then((sdk) => ({
    sdk,
    client: new sdk.CognitoIdentityProviderClient({
      region: env.region,
      ...(env.cognitoEndpoint
        ? { endpoint: env.cognitoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  }));
  return loaded;
}

const errorName = (e: unknown) => (e as { name?: string })?.name ?? '';

function mapCognitoError(error: unknown): never {
  switch (errorName(error)) {
    case 'UsernameExistsException':
      throw new ConflictError('email_taken', 'A user with this email already exists.');
    case 'InvalidPasswordException':
      throw new ValidationError([{ path: 'password', message: 'does not meet the password policy' }]);
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      throw new UnauthorizedError('The email or password is wrong.', 'invalid_credentials');
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      throw new UnauthorizedError('The session has expired; log in again.', 'session_expired');
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      throw new HttpError(429, 'throttled', 'Too many attempts; wait a moment and try again.');
    default:
      throw error;
  }
}

export function temporaryPassword(): string {
  // Meets the pool policy: upper, lower, digit, at least 8.
  return `Dg${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}7a`;
}

export async function createLogin(input: { email: string; password?: string; tenantId: string; userId: string }) {
  const { sdk, client } = await cognito();
  const temporary = temporaryPassword();
  await client
    .send(
      new sdk.AdminCreateUserCommand({
        UserPoolId: env.userPoolId,
        Username: input.email,
        TemporaryPassword: temporary,
        // Locally we deliver the invitation to the mail folder ourselves; in AWS Cognito emails it.
        MessageAction: input.password || env.mailDir ? 'SUPPRESS' : undefined,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:tenantId', Value: input.tenantId },
          { Name: 'custom:userId', Value: input.userId },
        ],
      }),
    )
    .catch(mapCognitoError);
  if (input.password) {
    await client
      .send(
        new sdk.AdminSetUserPasswordCommand({
          UserPoolId: env.userPoolId,
          Username: input.email,
          Password: input.password,
          Permanent: true,
        }),
      )
      .catch(async (error) => {
        await deleteLogin(input.email);
        mapCognitoError(error);
      });
  }
  return { temporaryPassword: temporary };
}

export async function deleteLogin(email: string) {
  const { sdk, client } = await cognito();
  await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: env.userPoolId, Username: email })).catch((error) => {
    if (errorName(error) !== 'UserNotFoundException') throw error;
  });
}

function tokens(result: AuthenticationResultType | undefined, refreshToken?: string) {
  if (!result?.IdToken) throw new Error('Cognito returned no tokens');
  return {
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? refreshToken ?? '',
    expiresIn: result.ExpiresIn ?? 3600,
  };
}

export async function passwordLogin(email: string, password: string) {
  const { sdk, client } = await cognito();
  const out = await client
    .send(
      new sdk.InitiateAuthCommand({
        ClientId: env.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    )
    .catch((error) => {
      // A wrong password is a wrong credential, whatever exception the pool names it.
      if (errorName(error) === 'InvalidPasswordException')
        throw new UnauthorizedError('The email or password is wrong.', 'invalid_credentials');
      return mapCognitoError(error);
    });
  if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
    return { challenge: 'NEW_PASSWORD_REQUIRED' as const, session: out.Session ?? '' };
  }
  return tokens(out.AuthenticationResult);
}

export async function refreshLogin(refreshToken: string) {
  const { sdk, client } = await cognito();
  const out = await client
    .send(
      new sdk.InitiateAuthCommand({
        ClientId: env.userPoolClientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
    .catch(mapCognitoError);
  const t = tokens(out.AuthenticationResult, refreshToken);
  return { idToken: t.idToken, expiresIn: t.expiresIn };
}

export async function completeNewPassword(email: string, session: string, newPassword: string) {
  const { sdk, client } = await cognito();
  const out = await client
    .send(
      new sdk.RespondToAuthChallengeCommand({
        ClientId: env.userPoolClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
      }),
    )
    .catch(mapCognitoError);
  return tokens(out.AuthenticationResult);
}

/**
 * Forgot password: Cognito sends the account's email a code (in AWS, by its own mail). Locally,
 * cognito-local keeps the code in its database instead of mailing it; it is copied into the mail
 * folder like every other mail of the local cloud. An unknown email does the same as a known one
 * from the outside (nothing to enumerate).
 */
export async function forgotPassword(email: string) {
  const { sdk, client } = await cognito();
  try {
    await client.send(new sdk.ForgotPasswordCommand({ ClientId: env.userPoolClientId, Username: email }));
  } catch (error) {
    const name = errorName(error);
    if (name === 'UserNotFoundException' || name === 'NotAuthorizedException' || name === 'InvalidParameterException')
      return;
    return mapCognitoError(error);
  }
  if (!env.mailDir || !env.cognitoDataDir) return;
  const db = await readCognitoLocalDb(env.cognitoDataDir, env.userPoolId);
  const user = Object.values(db.Users).find((u) =>
    u.Attributes.some((a) => a.Name === 'email' && a.Value.toLowerCase() === email),
  );
  if (!user?.ConfirmationCode) return;
  await writeLocalMail(
    env.mailDir,
    [email],
    'Dingo 重置密码验证码 / password reset code',
    [
      `您的验证码 / Your code: ${user.ConfirmationCode}`,
      '',
      '在登录页点“忘记密码”，输入此验证码并设置新密码。/ Enter it with a new password on the login page.',
    ].join('\n'),
  );
}

type CognitoLocalDb = {
  Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
};

/**
 * cognito-local rewrites its whole database file on every change, in place, so a read that meets another
 * request's write sees half a file. Read again until it parses (a write takes milliseconds).
 */
async function readCognitoLocalDb(dir: string, poolId: string): Promise<CognitoLocalDb> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const file = join(dir, `${poolId}.json`);
  for (let attempt = 1; ; attempt++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as CognitoLocalDb;
    } catch (error) {
      if (!(error instanceof SyntaxError) || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Sets a new password with the code of `forgotPassword`; a wrong or expired code is one answer. */
export async function resetPassword(email: string, code: string, newPassword: string) {
  const { sdk, client } = await cognito();
  await client
    .send(
      new sdk.ConfirmForgotPasswordCommand({
        ClientId: env.userPoolClientId,
        Username: email,
        ConfirmationCode: code,
        Password: newPassword,
      }),
    )
    .catch((error) => {
      const name = errorName(error);
      if (
        ['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException', 'LimitExceededException'].includes(
          name,
        )
      )
        throw new UnprocessableError('invalid_code', 'The code is wrong or has expired; ask for a new one.');
      return mapCognitoError(error);
    });
}

/** Claims of an ID token we just received from Cognito (already trusted: it came from Cognito itself). */
export function claimsOf(idToken: string): { tenantId: string; userId: string } {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return { tenantId: payload['custom:tenantId'], userId: payload['custom:userId'] };
}

/** The local cloud's mail folder stands in for email delivery (SES/Cognito in AWS). */
export async function sendInvitationMail(to: string, companyName: string, password: string, appUrl: string | null) {
  if (!env.mailDir) return;
  await writeLocalMail(
    env.mailDir,
    [to],
    `${companyName} 邀请您加入 Dingo / invites you to Dingo`,
    [
      `${companyName} 邀请您使用 Dingo 订单管理。/ ${companyName} invited you to Dingo order management.`,
      '',
      `登录邮箱 / Email: ${to}`,
      `临时密码 / Temporary password: ${password}`,
      ...(appUrl ? [`登录地址 / Log in at: ${appUrl}/login`] : []),
      '',
      '首次登录时请设置新密码。/ You will set a new password at first login.',
    ].join('\n'),
  );
}
