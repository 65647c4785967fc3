/**
 * Whether `text` matches `pattern` as a whole, where `*` matches any run of characters (none
 * included) and every other character stands for itself. Greedy two-pointer matching: on a
 * mismatch it only moves the last `*` one character on, so it never backtracks further and takes
 * at most pattern × text steps, where a regular expression of `.*` runs can take exponential time.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // The position just after the last `*` seen, and where in `text` that `*`'s run ends for now.
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (c === STAR) {
      star = ++p;
      resume = t;
    } else if (p < pattern.length && c === text.charCodeAt(t)) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

const STAR = 42;
