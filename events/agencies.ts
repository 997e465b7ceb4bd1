import { z } from 'zod';
import { isoDate, text, unitCode, uuid } from './common.js';

/** Agencies (sở, ban, ngành, đoàn thể; the party committee bodies), one stream each: `agency-<id>`. */

export const agencyKind = z.enum(['state-department', 'party-board', 'mass-organisation', 'party-committee', 'other']);

export const AgencyRegistered = z.object({
  agencyId: uuid,
  name: text(200),
  kind: agencyKind,
  /** The administrative unit the agency belongs to (a province for a sở, a commune for its committee). */
  unitCode,
}).strict();
export type AgencyRegistered = z.infer<typeof AgencyRegistered>;

export const AgencyRenamed = z.object({
  agencyId: uuid,
  name: text(200),
  effectiveDate: isoDate,
}).strict();
export type AgencyRenamed = z.infer<typeof AgencyRenamed>;
