import { z } from 'zod';
import { unitCode, uuid } from '#events/common.js';

/** Path parameters of the command routes. */
export const NoParams = z.object({}).strict();
export const IdParams = z.object({ id: uuid }).strict();
export const CodeParams = z.object({ code: unitCode }).strict();
