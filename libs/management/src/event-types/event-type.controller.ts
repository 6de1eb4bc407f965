// GET /event-types (SPEC §9): the schema registry's catalog, every type with each version's
// JSON Schema, for subscription filters and producers. Any authenticated tenant caller.
import { Controller, Get } from '@nestjs/common';
import { eventSchemaRegistry, EventTypeCatalogEntry } from '@herald/contracts';
import { RequireAccess } from '@herald/platform/auth';

/** A catalog entry (`type`, `kind`, `description`, `versions: [{version, schema}]`) and its latest version. */
export interface EventTypeView extends EventTypeCatalogEntry {
  latest_version: number;
}

@Controller('event-types')
export class EventTypeController {
  private readonly catalog: EventTypeView[] = eventSchemaRegistry.catalog().map((entry) => ({
    ...entry,
    latest_version: Math.max(...entry.versions.map((v) => v.version)),
  }));

  @Get()
  @RequireAccess({})
  list(): EventTypeView[] {
    return this.catalog;
  }
}
