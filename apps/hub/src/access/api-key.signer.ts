import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

const FORMAT = /^phk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/**
 * Keys are `phk_<keyId>_<HMAC-SHA256(keyId)>` under a key derived from the master key: the store
 * holds only key ids, and every hub instance with the master key recognises every key.
 */
export class ApiKeySigner {
  constructor(private readonly signingKey: Buffer) {}

  static newKeyId(): string {
    return randomUUID().replace(/-/g, '');
  }

  mint(keyId: string): string {
    return `phk_${keyId}_${this.sign(keyId)}`;
  }

  /** The id of a key this hub's master key signed; undefined for anything else. */
  keyIdOf(presented: string): string | undefined {
    const match = FORMAT.exec(presented);
    if (!match) return undefined;
    const [, keyId, signature] = match;
    const expected = Buffer.from(this.sign(keyId));
    return timingSafeEqual(Buffer.from(signature), expected) ? keyId : undefined;
  }

  private sign(keyId: string): string {
    return createHmac('sha256', this.signingKey).update(keyId).digest('base64url');
  }
}
