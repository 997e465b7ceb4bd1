import type { FastifyInstance } from 'fastify';
import { changeCadrePosition, ChangeCadrePositionInput } from '../../../commands/cadre/changeCadrePosition.js';
import { eraseCadrePersonalData, EraseCadrePersonalDataInput } from '../../../commands/cadre/eraseCadrePersonalData.js';
import { registerCadre, RegisterCadreInput } from '../../../commands/cadre/registerCadre.js';
import { retireCadre, RetireCadreInput } from '../../../commands/cadre/retireCadre.js';
import { transferCadre, TransferCadreInput } from '../../../commands/cadre/transferCadre.js';
import { agencyInProvince, always, cadreInProvince, type Access } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/** Organizers manage the cadres whose agency lies in their province. */
const cadreInScope: Access<{ id: string }, unknown> = {
  admin: always,
  organizer: ({ store, actor, params, today }) => cadreInProvince(store, actor, params.id, today),
};

export function cadreRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  const vault = context.services.personalData;
  commandRoute(app, context, {
    url: '/v1/cadres',
    tag: 'cadres',
    summary: 'Register a cadre (personal fields are stored as commitments)',
    params: NoParams,
    body: RegisterCadreInput,
    access: {
      admin: always,
      organizer: ({ store, actor, body, today }) => agencyInProvince(store, actor, body.agencyId, today),
    },
    handle: (env, { body }) => registerCadre(env, vault, body),
  });
  commandRoute(app, context, {
    url: '/v1/cadres/:id/transfer',
    tag: 'cadres',
    summary: 'Transfer a cadre to another agency',
    params: IdParams,
    body: TransferCadreInput,
    access: {
      admin: always,
      organizer: async ({ store, actor, params, body, today }) =>
        (await cadreInProvince(store, actor, params.id, today)) && agencyInProvince(store, actor, body.toAgencyId, today),
    },
    handle: (env, { params, body }) => transferCadre(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/cadres/:id/position',
    tag: 'cadres',
    summary: 'Change a cadre’s position',
    params: IdParams,
    body: ChangeCadrePositionInput,
    access: cadreInScope,
    handle: (env, { params, body }) => changeCadrePosition(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/cadres/:id/retire',
    tag: 'cadres',
    summary: 'Retire a cadre',
    params: IdParams,
    body: RetireCadreInput,
    access: cadreInScope,
    handle: (env, { params, body }) => retireCadre(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/cadres/:id/erase-personal-data',
    tag: 'cadres',
    summary: 'Erase a cadre’s personal data (the commitments stay)',
    params: IdParams,
    body: EraseCadrePersonalDataInput,
    // Erasure is irreversible: an administrator's decision only.
    access: { admin: always },
    handle: (env, { params, body }) => eraseCadrePersonalData(env, vault, params.id, body),
  });
}
