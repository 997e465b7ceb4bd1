import type { IsoDate } from '#events/common.js';
import { agencyStream, cadreStream, policyStream, recommendationStream } from '#events/streams.js';
import type { TokenRole } from '../../../auth/roles.js';
import { agencyDecider } from '../../../domain/agency/index.js';
import type { Actor } from '../../../domain/actor.js';
import { cadreDecider, postingOn } from '../../../domain/cadre/index.js';
import { policyDecider } from '../../../domain/policy/index.js';
import { recommendationDecider } from '../../../domain/recommendation/index.js';
import { loadState } from '../../../commands/facts/loadState.js';
import { unitAndAncestors } from '../../../commands/facts/unitFact.js';
import type { EventStore } from '../../../store/EventStore.js';

/** What a route's scope check sees: who asks, the validated input, and the store to look things up. */
export interface AccessQuery<Params, Body> {
  readonly actor: Actor;
  readonly store: EventStore;
  readonly today: IsoDate;
  readonly params: Params;
  readonly body: Body;
}

export type ScopeCheck<Params, Body> = (query: AccessQuery<Params, Body>) => boolean | Promise<boolean>;

/**
 * A route's access rule: the roles it admits (the keys) and, for each, the scope check its token must
 * pass. A role absent from the map is refused (403) before the body is read.
 */
export type Access<Params, Body> = Partial<Record<TokenRole, ScopeCheck<Params, Body>>>;

export const always = (): boolean => true;

/**
 * Whether a unit lies in the organizer's province. The ancestors are walked on the unit streams:
 * a code's first digits say only where the unit was first established (hamlet codes extend their
 * commune's, district and commune GSO codes do not extend their province's), not where it is now.
 */
export async function unitInProvince(store: EventStore, actor: Actor, unitCode: string, date: IsoDate): Promise<boolean> {
  if (actor.provinceCode === undefined) return false;
  return (await unitAndAncestors(store, unitCode, date)).includes(actor.provinceCode);
}

export async function agencyInProvince(store: EventStore, actor: Actor, agencyId: string, date: IsoDate): Promise<boolean> {
  const agency = await loadState(store, agencyStream(agencyId), agencyDecider);
  // An unknown agency is for the domain to report (404); the organizer may learn it does not exist.
  return agency.status === 'none' || unitInProvince(store, actor, agency.unitCode, date);
}

/** The cadre's agency today lies in the organizer's province. */
export async function cadreInProvince(store: EventStore, actor: Actor, cadreId: string, date: IsoDate): Promise<boolean> {
  const cadre = await loadState(store, cadreStream(cadreId), cadreDecider);
  return cadre.status === 'none' || agencyInProvince(store, actor, postingOn(cadre, date).agencyId, date);
}

export async function policyInProvince(store: EventStore, actor: Actor, policyId: string, date: IsoDate): Promise<boolean> {
  const policy = await loadState(store, policyStream(policyId), policyDecider);
  return policy.status === 'none' || unitInProvince(store, actor, policy.issued.issuingUnitCode, date);
}

/** The recommendation's visited unit (organizer), or the cadre who raised it (cadre). */
export async function recommendationRaisedBy(store: EventStore, recommendationId: string): Promise<{ cadreId: string; unitCode: string } | null> {
  const recommendation = await loadState(store, recommendationStream(recommendationId), recommendationDecider);
  return recommendation.status === 'none' ? null : recommendation.raised;
}

/** Admin anywhere; an organizer for the committees of its province (boards, ratings). */
export const committeeInProvince: Access<unknown, { readonly committeeUnitCode: string }> = {
  admin: always,
  organizer: ({ store, actor, body, today }) => unitInProvince(store, actor, body.committeeUnitCode, today),
};
