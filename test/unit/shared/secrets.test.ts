import { generateSecret, hashSecret, sameDigest } from '../../../src/shared/secrets';

describe('secrets', () => {
  it('when a secret is generated, then it has the prefix and 256 random bits, and differs each time', () => {
    const a = generateSecret('lh_');
    expect(a).toMatch(/^lh_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret('lh_')).not.toBe(a);
  });

  it('when fewer than 128 random bits are asked for, then it refuses', () => {
    expect(() => generateSecret('', 15)).toThrow(/at least 16/);
    expect(generateSecret('', 16)).toHaveLength(22);
  });

  it('when digests are compared, then equal ones match and others (or other lengths) do not', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameDigest(hashSecret('abc'), hashSecret('abc'))).toBe(true);
    expect(sameDigest(hashSecret('abc'), hashSecret('abd'))).toBe(false);
    expect(sameDigest(hashSecret('abc'), 'ab')).toBe(false);
  });
});
