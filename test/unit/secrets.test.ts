import { hashCode, maskEmail, newLinkToken, newOneTimeCode, sameHash, sha256Hex } from '../../functions/domain/secrets';

describe('secrets', () => {
  it('link tokens carry 256 bits and do not repeat', () => {
    const tokens = new Set(Array.from({ length: 100_000 }, newLinkToken));
    expect(tokens.size).toBe(100_000);
    for (const token of [...tokens].slice(0, 100)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('one-time codes are six digits, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, newOneTimeCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });

  it('codes are compared by salted hash', () => {
    const hash = hashCode('salt-a', '123456');
    expect(sameHash(hashCode('salt-a', '123456'), hash)).toBe(true);
    expect(sameHash(hashCode('salt-b', '123456'), hash)).toBe(false);
    expect(sameHash(hashCode('salt-a', '123457'), hash)).toBe(false);
    expect(sameHash('abcd', hash)).toBe(false);
  });

  it('hashes are SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('masks addresses for display', () => {
    expect(maskEmail('jane.smith@leics.police.uk')).toBe('j•••@leics.police.uk');
    expect(maskEmail('nonsense')).toBe('•••');
  });
});
