/**
 * Who issues a command, as the token's scope says. Roles are checked by the HTTP layer; the domain
 * uses the identities to check rules that depend on state (only the agency a recommendation was
 * forwarded to may answer it, only the visited commune's committee confirms a visit).
 */
export type ActorRole = 'admin' | 'organizer' | 'cadre' | 'unit-committee' | 'agency' | 'inspector' | 'viewer' | 'system';

export interface Actor {
  readonly userId: string;
  readonly role: ActorRole;
  /** Set for a cadre's token. */
  readonly cadreId?: string;
  /** Set for a unit committee's token: the unit whose committee it speaks for. */
  readonly unitCode?: string;
  /** Set for an agency's token. */
  readonly agencyId?: string;
  /** Set for an organizer's or inspector's token. */
  readonly provinceCode?: string;
}
