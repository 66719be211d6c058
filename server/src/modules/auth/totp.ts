import { authenticator } from 'otplib';
import QRCode from 'qrcode';

// RFC 6238 TOTP (30 s, 6 digits, SHA-1: what every authenticator app supports); one step of
// clock drift either way is accepted.
authenticator.options = { window: 1 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function verifyTotp(secret: string, code: string): boolean {
  try {
    return authenticator.verify({ token: code, secret });
  } catch {
    return false;
  }
}

export function totpCode(secret: string): string {
  return authenticator.generate(secret);
}

export async function totpEnrolment(secret: string, account: string, issuer: string) {
  const otpauthUrl = authenticator.keyuri(account, issuer, secret);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 200 });
  return { secret, otpauthUrl, qrDataUrl };
}
