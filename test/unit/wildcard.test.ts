import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildcardMatch } from '../../src/wildcard.js';

/** What `*` patterns meant when they were regular expressions: the specification, on short strings. */
const asRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

describe('wildcardMatch', () => {
  it('agrees with the regular expression it replaces', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '\n'), maxLength: 12 });
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(wildcardMatch(p, t)).toBe(asRegExp(p).test(t));
      }),
      { numRuns: 5000 },
    );
  });
});
