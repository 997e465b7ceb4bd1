import type { z } from 'zod';
import { AgencyRegistered, AgencyRenamed } from './agencies.js';
import { AgencyAssignedToSupportUnit, AssignmentEnded, CadreAssigned, CadreRotated } from './assignments.js';
import { CadrePersonalDataErased, CadrePositionChanged, CadreRegistered, CadreRetired, CadreTransferred } from './cadres.js';
import { EventSchemaError } from './errors.js';
import { CadreEvaluated, CadreEvaluationAmended, UnitRated } from './evaluations.js';
import {
  ReportAmended, ReportFiled, VisitCancelled, VisitConfirmed, VisitDisputed, VisitDisputeResolved, VisitLogged,
} from './fieldwork.js';
import { PlanApproved, PlanDrafted, PlanRejected, PlanSubmitted } from './plans.js';
import { QuotaPolicyAmended, QuotaPolicyIssued, QuotaPolicyRepealed } from './policies.js';
import {
  RecommendationAnswered, RecommendationClosed, RecommendationForwarded, RecommendationRaised, RecommendationReopened,
} from './recommendations.js';
import type { StreamFamily } from './streams.js';
import { UnitDissolved, UnitEstablished, UnitRenamed, UnitReparented, UnitsMerged } from './units.js';
import { visitLoggedV1ToV2 } from './upcasters.js';

/** `upcasters[v]` lifts data written with schema version v to version v + 1. */
export type Upcasters = Readonly<Record<number, (data: unknown) => unknown>>;

export interface EventDefinition<F extends StreamFamily = StreamFamily, S extends z.ZodType = z.ZodType> {
  readonly family: F;
  readonly schema: S;
  readonly schemaVersion: number;
  readonly upcasters: Upcasters;
}

function define<F extends StreamFamily, S extends z.ZodType>(
  family: F, schema: S, schemaVersion = 1, upcasters: Upcasters = {},
): EventDefinition<F, S> {
  return { family, schema, schemaVersion, upcasters };
}

export const registry = {
  UnitEstablished: define('unit', UnitEstablished),
  UnitRenamed: define('unit', UnitRenamed),
  UnitReparented: define('unit', UnitReparented),
  UnitsMerged: define('unit', UnitsMerged),
  UnitDissolved: define('unit', UnitDissolved),
  AgencyRegistered: define('agency', AgencyRegistered),
  AgencyRenamed: define('agency', AgencyRenamed),
  CadreRegistered: define('cadre', CadreRegistered),
  CadreTransferred: define('cadre', CadreTransferred),
  CadrePositionChanged: define('cadre', CadrePositionChanged),
  CadreRetired: define('cadre', CadreRetired),
  CadrePersonalDataErased: define('cadre', CadrePersonalDataErased),
  QuotaPolicyIssued: define('policy', QuotaPolicyIssued),
  QuotaPolicyAmended: define('policy', QuotaPolicyAmended),
  QuotaPolicyRepealed: define('policy', QuotaPolicyRepealed),
  CadreAssigned: define('board', CadreAssigned),
  AgencyAssignedToSupportUnit: define('board', AgencyAssignedToSupportUnit),
  AssignmentEnded: define('board', AssignmentEnded),
  CadreRotated: define('board', CadreRotated),
  PlanDrafted: define('plan', PlanDrafted),
  PlanSubmitted: define('plan', PlanSubmitted),
  PlanApproved: define('plan', PlanApproved),
  PlanRejected: define('plan', PlanRejected),
  VisitLogged: define('fieldwork', VisitLogged, 2, { 1: visitLoggedV1ToV2 }),
  VisitConfirmed: define('fieldwork', VisitConfirmed),
  VisitDisputed: define('fieldwork', VisitDisputed),
  VisitDisputeResolved: define('fieldwork', VisitDisputeResolved),
  VisitCancelled: define('fieldwork', VisitCancelled),
  ReportFiled: define('fieldwork', ReportFiled),
  ReportAmended: define('fieldwork', ReportAmended),
  RecommendationRaised: define('recommendation', RecommendationRaised),
  RecommendationForwarded: define('recommendation', RecommendationForwarded),
  RecommendationAnswered: define('recommendation', RecommendationAnswered),
  RecommendationClosed: define('recommendation', RecommendationClosed),
  RecommendationReopened: define('recommendation', RecommendationReopened),
  CadreEvaluated: define('evaluation', CadreEvaluated),
  CadreEvaluationAmended: define('evaluation', CadreEvaluationAmended),
  UnitRated: define('evaluation', UnitRated),
} as const;

type Registry = typeof registry;
export type EventType = keyof Registry;
export type EventData<T extends EventType> = z.infer<Registry[T]['schema']>;

/** An event as the domain sees it: its type and data, no envelope. */
export type DomainEvent<T extends EventType = EventType> = { [K in T]: { readonly type: K; readonly data: EventData<K> } }[T];

type TypesOf<F extends StreamFamily> = { [K in EventType]: Registry[K]['family'] extends F ? K : never }[EventType];
export type EventOf<F extends StreamFamily> = DomainEvent<TypesOf<F>>;

export type UnitEvent = EventOf<'unit'>;
export type AgencyEvent = EventOf<'agency'>;
export type CadreEvent = EventOf<'cadre'>;
export type PolicyEvent = EventOf<'policy'>;
export type BoardEvent = EventOf<'board'>;
export type PlanEvent = EventOf<'plan'>;
export type FieldworkEvent = EventOf<'fieldwork'>;
export type RecommendationEvent = EventOf<'recommendation'>;
export type EvaluationEvent = EventOf<'evaluation'>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(registry, type);
}

/** Lifts `data` written with `schemaVersion` to the current version and validates it. */
export function upcast<T extends EventType>(type: T, schemaVersion: number, data: unknown): EventData<T> {
  const definition: EventDefinition = registry[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion) {
    throw new EventSchemaError('EVENT_VERSION_UNSUPPORTED', type, `${type} has no schema version ${schemaVersion}`);
  }
  let lifted = data;
  for (let version = schemaVersion; version < definition.schemaVersion; version += 1) {
    const lift = definition.upcasters[version];
    if (lift === undefined) {
      throw new EventSchemaError('EVENT_VERSION_UNSUPPORTED', type, `${type} has no upcaster from version ${version}`);
    }
    lifted = tryParse(type, () => lift(lifted));
  }
  return tryParse(type, () => definition.schema.parse(lifted)) as EventData<T>;
}

/** Reads a stored event back: the type is checked, the data lifted and validated. */
export function decodeEvent(type: string, schemaVersion: number, data: unknown): DomainEvent {
  if (!isEventType(type)) throw new EventSchemaError('EVENT_TYPE_UNKNOWN', type, `unknown event type ${type}`);
  // TypeScript cannot correlate `type` with its data across the union; upcast checked both.
  return { type, data: upcast(type, schemaVersion, data) } as DomainEvent;
}

/** What the store appends: validated data with the version it was written with. */
export function encodeEvent(event: DomainEvent): { type: EventType; schemaVersion: number; data: unknown } {
  const definition: EventDefinition = registry[event.type];
  const data = tryParse(event.type, () => definition.schema.parse(event.data));
  return { type: event.type, schemaVersion: definition.schemaVersion, data };
}

function tryParse<R>(type: string, parse: () => R): R {
  try {
    return parse();
  } catch (cause) {
    throw new EventSchemaError('EVENT_DATA_INVALID', type, `${type} data does not match its schema`, { cause });
  }
}
