import type { Projection } from '#src/projections/Projection.js';
import { assignmentHistory } from './assignmentHistory/projection.js';
import { attendance } from './attendance/projection.js';
import { evaluations } from './evaluations/projection.js';
import { recommendations } from './recommendations/projection.js';
import { reports } from './reports/projection.js';
import { directory } from './directory/projection.js';
import { unitLineage } from './unitLineage/projection.js';

/** Every read model the runner keeps up to date. One folder per projection: projection.ts, queries.ts. */
export const allProjections: readonly Projection[] = [assignmentHistory, attendance, reports, recommendations, evaluations, directory, unitLineage];
