/**
 * Command handlers of the unit streams (`unit-<code>`). Each is
 * `(deps: { store, now(), units? }, input, actor, metadata?) → Promise<result>`:
 *
 * | handler | input (= the command data of src/domain/unit/commands.ts) | result |
 * |---|---|---|
 * | establishUnit | code, name, type, level, parentCode, effectiveDate, decisionRef? | CommandResult |
 * | renameUnit | code, name, type?, effectiveDate, decisionRef? | CommandResult |
 * | reparentUnit | code, parentCode, effectiveDate, decisionRef? | CommandResult |
 * | mergeUnits | fromCodes, intoCode, mergeType, effectiveDate, decisionRef | MergeResult (CommandResult + followUps) |
 * | dissolveUnit | code, reason, successorCodes, effectiveDate, decisionRef | CommandResult |
 *
 * `actor` is the domain Actor (its userId and role go into every event's metadata); `metadata`
 * carries requestId, correlationId, causationId. Rule violations throw DomainError (a stable code
 * and the field at fault); a repeated identical command returns a result with no events. The
 * CommandResult (streamId, version, position, events with ids) is what `POST /v1/units…` answers.
 * `mergeUnits` also ends the assignments to the old units on every board and dissolves the units
 * a full merge absorbed (followUpMerge); `recordMerge` records the merge alone.
 * `followUpMerge` and `endAssignmentsForMerge` trust the merge they are given: they are steps of
 * that process (and of the import), not routes of their own.
 */
export { establishUnit, type EstablishUnitInput } from './establishUnit.js';
export { renameUnit, type RenameUnitInput } from './renameUnit.js';
export { reparentUnit, type ReparentUnitInput } from './reparentUnit.js';
export { mergeUnits, recordMerge, type MergeResult, type MergeUnitsInput } from './mergeUnits.js';
export { dissolveUnit, type DissolveUnitInput } from './dissolveUnit.js';
export { followUpMerge } from './followUpMerge.js';
export { endAssignmentsForMerge, type EndAssignmentsForMergeInput } from './endAssignmentsForMerge.js';
export { boardsAssigning, boardsByAssignedUnit, type BoardsByUnit } from './boardsAssigningUnits.js';
export { CachedUnitStates, storeUnitStates, type UnitStates } from './unitStates.js';
export { unitFactOnDate } from './unitFacts.js';
export type { RequestMetadata, UnitHandlerDeps } from './deps.js';
