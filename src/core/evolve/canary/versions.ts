/** Two commit ids name the same version when one is a prefix (of at least 7 hex digits) of the other. */
export function sameVersion(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const short = x.length <= y.length ? x : y;
  const long = short === x ? y : x;
  return short.length >= 7 && long.startsWith(short);
}

export function shortVersion(v: string): string {
  return v.slice(0, 7);
}
