import type { CadrePersonalDataErased, CadrePositionChanged, CadreRegistered, CadreRetired, CadreTransferred } from '#events/cadres.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { AgencyFact } from '../facts.js';

/** The personal fields arrive as commitments: the ledger stored the plain values before this command. */
export type RegisterCadre = Command<'RegisterCadre', CadreRegistered>;
export type TransferCadre = Command<'TransferCadre', Omit<CadreTransferred, 'fromAgencyId'>>;
export type ChangeCadrePosition = Command<'ChangeCadrePosition', CadrePositionChanged>;
export type RetireCadre = Command<'RetireCadre', CadreRetired>;
export type EraseCadrePersonalData = Command<'EraseCadrePersonalData', CadrePersonalDataErased>;

export type CadreCommand = RegisterCadre | TransferCadre | ChangeCadrePosition | RetireCadre | EraseCadrePersonalData;

export interface CadreContexts {
  /** The agency the cadre works in. */
  readonly RegisterCadre: { readonly agency: AgencyFact | null };
  /** The agency the cadre moves to. */
  readonly TransferCadre: { readonly agency: AgencyFact | null };
  readonly ChangeCadrePosition: NoContext;
  readonly RetireCadre: NoContext;
  readonly EraseCadrePersonalData: NoContext;
}
