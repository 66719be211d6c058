import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher, rememberingBlindIndexes, type KeyProvider } from './personal-data.js';

// The blind index is computed from precomputed HMAC pads and IVs come from a pool: the values must
// be exactly what plain HMAC-SM3 gives (indexes already stored must still match), and no two
// encryptions may share an IV.

const keys = { keyId: 'k1', encryptionKey: randomBytes(16), indexKey: randomBytes(32) };
const provider: KeyProvider = { load: () => keys };

describe('personal-data cipher', () => {
  it('blind indexes equal HMAC-SM3 of kind:value, truncated to 128 bits', () => {
    const cipher = new PersonalDataCipher(provider);
    for (const [kind, value] of [['residentId', '370302198805120031'], ['mobile', '13800138000'], ['residentIdTail', '12003X'], ['mobileTail', '8000'], ['residentId', '张三']] as const) {
      expect(cipher.blindIndex(kind, value)).toBe(createHmac('sm3', keys.indexKey).update(`${kind}:${value}`).digest('hex').slice(0, 32));
    }
    const remembering = rememberingBlindIndexes(cipher);
    expect(remembering.blindIndex('mobile', '13800138000')).toBe(cipher.blindIndex('mobile', '13800138000'));
    expect(remembering.blindIndex('mobile', '13800138000')).toBe(cipher.blindIndex('mobile', '13800138000'));
    remembering.forget();
    expect(remembering.decrypt(remembering.encrypt('x'))).toBe('x');
  });

  it('encrypts with a fresh IV every time, past the end of the IV pool', () => {
    const cipher = new PersonalDataCipher(provider);
    // A bulk writer encrypts through the cipher and through its remembering view, interleaved.
    const view = rememberingBlindIndexes(cipher);
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const stored = (i % 2 ? view : cipher).encrypt(`value ${i}`);
      expect(cipher.decrypt(stored)).toBe(`value ${i}`);
      ivs.add(Buffer.from(stored.split(':')[1]!, 'base64').subarray(0, 16).toString('hex'));
    }
    expect(ivs.size).toBe(1000);
  });
});
