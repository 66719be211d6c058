import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// RFC 6238 TOTP (30 s, 6 digits, SHA-1: what every authenticator app supports); one step of
// clock drift either way is accepted.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

const STEP_MS = 30_000;

/**
 * The time step the code belongs to, or null when it is wrong. A code is accepted only for a step
 * later than `lastStep`, so the same code cannot be used twice.
 */
export function acceptTotp(secret: string, code: string, lastStep: number | null): number | null {
  let delta: number | null;
  try {
    delta = authenticator.checkDelta(code, secret);
  } catch {
    return null;
  }
  if (delta === null || delta === undefined) return null;
  const step = Math.floor(Date.now() / STEP_MS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export function totpCode(secret: string): string {
  return authenticator.generate(secret);
}

export async function totpEnrolment(secret: string, account: string, issuer: string) {
  const otpauthUrl = authenticator.keyuri(account, issuer, secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 200 });
  return { secret, otpauthUrl, qrDataUrl };
}
