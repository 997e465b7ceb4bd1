import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../auth/authenticate.js';
import { TokenStore } from '../../auth/TokenStore.js';
import { ApiError } from '../../errors/ApiError.js';
import { buildExport, exportDefinitions, type ExportName } from '../../exports/definitions.js';
import { writeCsv } from '../../exports/writeCsv.js';
import { writeXlsx } from '../../exports/writeXlsx.js';
import type { AppServices } from '../AppServices.js';

const Query = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  province: z.string().regex(/^\d{2}$/).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  at: z.iso.date().optional(),
  agency: z.uuid().optional(),
}).strict();

/**
 * GET /v1/exports/{attendance|coverage|reports|inspections}?format=csv|xlsx: the dashboard's
 * figures as files. Each export reads the JSON routes in-process with the caller's own token, so
 * it can never show more than the caller may see, and the figures are the dashboard's to the digit.
 */
export const exportRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', authenticate(new TokenStore(services.database)));
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/exports/:what',
      {
        schema: {
          tags: ['exports'],
          summary: 'Attendance, coverage, reports or inspections as CSV (UTF-8 with BOM) or XLSX, Vietnamese headers, dd/mm/yyyy dates',
          params: z.object({ what: z.enum(Object.keys(exportDefinitions) as [ExportName, ...ExportName[]]) }),
          querystring: Query,
        },
      },
      async (request, reply) => {
        const authorization = request.headers.authorization ?? '';
        const get = async (url: string) => {
          const res = await app.inject({ method: 'GET', url, headers: { authorization } });
          const body = res.json() as { code?: string; message?: string };
          if (res.statusCode !== 200) throw new ApiError(body.code ?? 'INTERNAL', body.message ?? `export source answered ${res.statusCode}`);
          return body;
        };
        const { format, ...params } = request.query;
        const table = await buildExport(request.params.what, get, params);
        const file = format === 'csv' ? writeCsv(table) : await writeXlsx(table);
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${request.params.what}.${format}"`)
          .send(file);
      },
    );
  };
