import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Resident IDs and mobile numbers are encrypted at rest with SM4 (GB/T 32907) and found by exact
// value through a keyed blind index (HMAC-SM3), as MLPS level 3 and quality.md require. The keys
// come from a KeyProvider so a KMS or a crypto appliance can replace the default key file.

export interface PersonalDataKeys {
  /** Key id written into every ciphertext, so keys can be rotated later. */
  keyId: string;
  /** 16-byte SM4 key. */
  encryptionKey: Buffer;
  /** 32-byte HMAC-SM3 key for blind indexes; separate from the encryption key. */
  indexKey: Buffer;
}

export interface KeyProvider {
  load(): PersonalDataKeys;
}

interface KeyFile {
  keyId: string;
  sm4: string;
  hmac: string;
  createdAt: string;
}

/**
 * The default provider: a JSON key file in the data directory, created (mode 0600) on first run.
 * It must be backed up with the database and shared by every app process of one deployment.
 */
export class FileKeyProvider implements KeyProvider {
  constructor(readonly path: string) {}

  load(): PersonalDataKeys {
    const file = this.readOrCreate();
    const encryptionKey = Buffer.from(file.sm4, 'hex');
    const indexKey = Buffer.from(file.hmac, 'hex');
    if (encryptionKey.length !== 16 || indexKey.length !== 32) throw new Error(`key file ${this.path} is malformed`);
    return { keyId: file.keyId, encryptionKey, indexKey };
  }

  private readOrCreate(): KeyFile {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as KeyFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const file: KeyFile = { keyId: 'k1', sm4: randomBytes(16).toString('hex'), hmac: randomBytes(32).toString('hex'), createdAt: new Date().toISOString() };
    let fd: number;
    try {
      // 'wx': two processes starting at once must not each write a different key.
      fd = openSync(this.path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(this.path, 'utf8')) as KeyFile;
      throw err;
    }
    writeSync(fd, JSON.stringify(file, null, 2));
    closeSync(fd);
    chmodSync(this.path, 0o600);
    return file;
  }
}

export function defaultKeyProvider(dataDir: string): KeyProvider {
  return new FileKeyProvider(process.env.TONGXIN_KEY_FILE || join(dataDir, 'tongxin.key'));
}

export type BlindIndexKind = 'residentId' | 'residentIdTail' | 'mobile' | 'mobileTail';

/** Encrypts, decrypts and blind-indexes personal data with one set of keys. */
export class PersonalDataCipher {
  private readonly keys: PersonalDataKeys;

  constructor(provider: KeyProvider) {
    this.keys = provider.load();
  }

  /** `keyId:base64(iv ‖ SM4-CBC ciphertext)`; a fresh IV per value, so equal values do not look equal. */
  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.keys.encryptionKey, iv);
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.keys.keyId}:${body.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const sep = stored.indexOf(':');
    const keyId = stored.slice(0, sep);
    if (keyId !== this.keys.keyId) throw new Error(`unknown personal-data key "${keyId}"`);
    const body = Buffer.from(stored.slice(sep + 1), 'base64');
    const decipher = createDecipheriv('sm4-cbc', this.keys.encryptionKey, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
  }

  encryptNullable(plain: string | null | undefined): string | null {
    return plain ? this.encrypt(plain) : null;
  }

  decryptNullable(stored: string | null | undefined): string | null {
    return stored ? this.decrypt(stored) : null;
  }

  /** Keyed HMAC-SM3, truncated to 128 bits: exact-match lookups without storing the value. */
  blindIndex(kind: BlindIndexKind, value: string): string {
    return createHmac('sm3', this.keys.indexKey).update(`${kind}:${value}`).digest('hex').slice(0, 32);
  }
}

const ciphers = new Map<string, PersonalDataCipher>();

/** One cipher per key location, shared by the app, the CLI and the worker of one process. */
export function cipherFor(dataDir: string): PersonalDataCipher {
  const provider = defaultKeyProvider(dataDir);
  const key = provider instanceof FileKeyProvider ? provider.path : dataDir;
  let cipher = ciphers.get(key);
  if (!cipher) {
    cipher = new PersonalDataCipher(provider);
    ciphers.set(key, cipher);
  }
  return cipher;
}
