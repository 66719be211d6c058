import { createCipheriv, createDecipheriv, createHash, randomBytes, randomFillSync, type Hash } from 'node:crypto';
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

/** SM3's block size: HMAC pads its key to this. */
const SM3_BLOCK = 64;
/** IVs are taken from a pool filled in one call: a CSPRNG call per value cost more than the encryption itself. */
const IV_POOL = 4096;

/** Encrypts, decrypts and blind-indexes personal data with one set of keys. */
export class PersonalDataCipher {
  private readonly keys: PersonalDataKeys;
  /** HMAC's inner and outer hashes with the padded key already absorbed (RFC 2104), copied per value. */
  private readonly hmacInner: Hash;
  private readonly hmacOuter: Hash;
  private readonly ivPool = Buffer.alloc(IV_POOL);
  private ivOffset = IV_POOL;

  constructor(provider: KeyProvider) {
    this.keys = provider.load();
    const key = Buffer.alloc(SM3_BLOCK);
    // The index key is 32 bytes (checked on load), shorter than a block: zero-padded, as HMAC does.
    this.keys.indexKey.copy(key);
    this.hmacInner = createHash('sm3').update(key.map((b) => b ^ 0x36));
    this.hmacOuter = createHash('sm3').update(key.map((b) => b ^ 0x5c));
  }

  private nextIv(): Buffer {
    if (this.ivOffset + 16 > IV_POOL) {
      randomFillSync(this.ivPool);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 16);
    this.ivOffset += 16;
    return iv;
  }

  /** `keyId:base64(iv ‖ SM4-CBC ciphertext)`; a fresh IV per value, so equal values do not look equal. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
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
    const inner = this.hmacInner.copy().update(`${kind}:${value}`, 'utf8').digest();
    return this.hmacOuter.copy().update(inner).digest('hex').slice(0, 32);
  }
}

/**
 * A view of `cipher` that remembers the blind indexes it computed until `forget()`: a bulk writer
 * needs the same ones several times per row (linking, the source record, the person's columns).
 */
export function rememberingBlindIndexes(cipher: PersonalDataCipher): PersonalDataCipher & { forget(): void } {
  const seen = new Map<string, string>();
  const view = Object.create(cipher) as PersonalDataCipher & { forget(): void };
  // Encryption stays the cipher's own: the view must not keep a second IV pool position.
  view.encrypt = (plain: string) => cipher.encrypt(plain);
  view.decrypt = (stored: string) => cipher.decrypt(stored);
  view.blindIndex = (kind: BlindIndexKind, value: string): string => {
    const key = `${kind}:${value}`;
    let hit = seen.get(key);
    if (hit === undefined) {
      hit = cipher.blindIndex(kind, value);
      seen.set(key, hit);
    }
    return hit;
  };
  view.forget = () => seen.clear();
  return view;
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
