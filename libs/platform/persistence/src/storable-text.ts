// PostgreSQL's text and jsonb cannot hold U+0000: a value carrying it fails at the database
// (SQLSTATE 22P05 / 22021). Request handling looks for it first and refuses the request with
// the path of the offending value instead of failing at commit.

/** The path (`a.b[2].c`) of the first string or key under `value` holding U+0000, or undefined. */
export function pathOfNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = pathOfNul(item, here);
    if (found !== undefined) return found;
  }
  return undefined;
}
