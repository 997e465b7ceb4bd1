import type { Projection, TableNames } from './Projection.js';

/**
 * Physical tables are `<logical>__v<version>g<generation>`; queries read the view `<logical>`,
 * which points at the active build.
 */
export function physicalTables(projection: Projection, version: number, generation: number): TableNames {
  return Object.fromEntries(Object.keys(projection.tables).map((logical) => [logical, `${logical}__v${version}g${generation}`]));
}
