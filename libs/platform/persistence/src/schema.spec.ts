// The schema's bookkeeping: every mapped table has one owning context, every entity sits in
// its owner's folder (the table-ownership lint rule reads those folders), migrations in order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES, MIGRATIONS, TABLE_OWNERS } from './schema';

describe('schema', () => {
  it('gives every mapped table exactly one owning context', () => {
    const tables = getMetadataArgsStorage()
      .tables.filter((t) => ENTITIES.includes(t.target as (typeof ENTITIES)[number]))
      .map((t) => t.name);
    expect(tables.length).toBe(ENTITIES.length);
    for (const table of tables) expect(TABLE_OWNERS).toHaveProperty([table as string]);
  });

  it("keeps each entity in the folder of its table's owner, where the lint rule looks for it", async () => {
    const dir = join(__dirname, 'entities');
    const placed: string[] = [];
    for (const owner of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, owner))) {
        const exported: unknown[] = Object.values(await import(join(dir, owner, file)));
        for (const table of getMetadataArgsStorage().tables.filter((t) => exported.includes(t.target))) {
          expect({ table: table.name, owner: TABLE_OWNERS[table.name as string] }).toEqual({ table: table.name, owner });
          placed.push(table.name as string);
        }
      }
    }
    expect(placed.sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
  });

  it('keeps migrations in timestamp order with unique names', () => {
    const names = MIGRATIONS.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(new Set(names).size).toBe(names.length);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
