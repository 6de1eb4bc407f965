import { ENTITIES, MIGRATIONS, TABLE_OWNERS } from './schema';
import { getMetadataArgsStorage } from 'typeorm';

describe('schema', () => {
  it('gives every mapped table exactly one owning context', () => {
    const tables = getMetadataArgsStorage()
      .tables.filter((t) => ENTITIES.includes(t.target as (typeof ENTITIES)[number]))
      .map((t) => t.name);
    expect(tables.length).toBe(ENTITIES.length);
    for (const table of tables) expect(TABLE_OWNERS).toHaveProperty([table as string]);
  });

  it('keeps migrations in timestamp order with unique names', () => {
    const names = MIGRATIONS.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(new Set(names).size).toBe(names.length);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
