import { createHash } from 'node:crypto';
import type { TokenSpec, TokenStore } from '../auth/TokenStore.js';
import type { IsoDate } from '#events/common.js';
import type { Actor } from '../domain/actor.js';
import type { CommandEnv } from '../commands/CommandEnv.js';
import type { PersonalDataVault } from '../ledger/postgres/personalData.js';
import type { EventStore } from '../store/EventStore.js';
import type { Random } from './random.js';
import type { ScaleParameters } from './scale.js';

/** An agency the demo registered, with the province (2024 or 2025 code) it belongs to. */
export interface DemoAgency {
  readonly agencyId: string;
  readonly key: string;
  readonly name: string;
  readonly provinceCode: string;
}

export interface DemoCadre {
  readonly cadreId: string;
  /** The agency on a date: the one of the old province until 1/7/2025, then its successor. */
  postings: { from: IsoDate; agencyId: string }[];
  readonly provinceCode: string;
  position: string;
  readonly hasPhone: boolean;
  retiredOn: IsoDate | null;
}

/** A follow (or cell-meeting) assignment the demo made, with its last day once known. */
export interface DemoAssignment {
  readonly assignmentId: string;
  readonly committeeUnitCode: string;
  readonly cadreId: string;
  readonly unitCode: string;
  readonly kind: 'follow' | 'cell-meetings';
  readonly start: IsoDate;
  end: IsoDate | null;
}

/** What the stages share: the store, the chance, the clock, and what was recorded so far. */
export interface DemoWorld {
  readonly store: EventStore;
  readonly vault: PersonalDataVault;
  readonly random: Random;
  readonly scale: ScaleParameters;
  readonly today: IsoDate;
  readonly correlationId: string;
  /**
   * The demo records years of history today: its visits and reports say so (`transcribedFrom`), as
   * an import of paper records would, so that inspection judges their claimed dates, marked as
   * unattested by the ledger, instead of reading every report as filed late.
   */
  readonly transcribedFrom: string;
  /** Old (2024) communes in the demo, by old province; new (2025) communes, by new province. */
  readonly oldCommunes: ReadonlyMap<string, readonly string[]>;
  readonly newCommunes: ReadonlyMap<string, readonly string[]>;
  /** Each old commune's 2025 commune(s). */
  readonly successors: ReadonlyMap<string, readonly string[]>;
  readonly agencies: DemoAgency[];
  readonly cadres: DemoCadre[];
  readonly assignments: DemoAssignment[];
  /** Told after each command, for the progress bar. */
  readonly tick: () => void;
}

/** The env a command handler gets, built as the HTTP layer builds it, at a moment of the story. */
export function envAt(world: DemoWorld, actor: Actor, date: IsoDate, hour = 9): CommandEnv {
  return {
    store: world.store,
    actor,
    now: new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`),
    metadata: { actor: actor.userId, role: actor.role, requestId: null, correlationId: world.correlationId, causationId: null },
    transcription: { source: world.transcribedFrom },
  };
}

/**
 * The demo's actors. Each speaks through a token bound to its scope, as a real user would: its id is
 * derived from the scope (so the history is the same for a seed) and `registerActorTokens` stores
 * those tokens, without any secret ever issued, so that the inspection's provenance checks find a
 * cadre's events under a token of that cadre and a committee's answers under that committee's.
 */
const actorSpecs = new Map<string, TokenSpec>();

function demoActor(spec: TokenSpec, actor: Omit<Actor, 'userId'>): Actor {
  const hex = createHash('sha256').update(`diaban seed-demo actor ${JSON.stringify(spec)}`).digest('hex');
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  actorSpecs.set(userId, spec);
  return { userId, ...actor };
}

export const actors = {
  admin: (): Actor => demoActor({ role: 'admin', label: 'demo actor: quản trị' }, { role: 'admin' }),
  organizer: (provinceCode: string): Actor =>
    demoActor({ role: 'organizer', provinceCode, label: `demo actor: tổ chức ${provinceCode}` }, { role: 'organizer', provinceCode }),
  cadre: (cadreId: string): Actor => demoActor({ role: 'cadre', cadreId, label: 'demo actor: cán bộ' }, { role: 'cadre', cadreId }),
  committee: (unitCode: string): Actor =>
    demoActor({ role: 'unit-committee', unitCode, label: `demo actor: đảng ủy ${unitCode}` }, { role: 'unit-committee', unitCode }),
  agency: (agencyId: string): Actor => demoActor({ role: 'agency', agencyId, label: 'demo actor: cơ quan' }, { role: 'agency', agencyId }),
};

/** Stores the tokens the demo's actors spoke through, revoked at once: no secret of theirs exists. */
export async function registerActorTokens(tokens: TokenStore): Promise<number> {
  for (const [id, spec] of actorSpecs) {
    await tokens.create(spec, id);
    await tokens.revoke(id);
  }
  return actorSpecs.size;
}

/** The cadre's agency on a date. */
export function agencyOf(cadre: DemoCadre, date: IsoDate): string {
  const posting = cadre.postings.findLast((entry) => entry.from <= date) ?? cadre.postings[0];
  if (posting === undefined) throw new Error('a demo cadre always has an agency');
  return posting.agencyId;
}
