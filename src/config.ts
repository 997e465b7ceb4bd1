import { z } from 'zod';

/**
 * Configuration comes from the environment only, parsed once with zod so that a bad value fails at
 * start with the variable's name instead of surfacing later as an odd runtime error.
 */
const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DIABAN_DATA_DIR: z.string().min(1).default('./.diaban'),
  DIABAN_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/, 'must be a lower-case SQL identifier')
    .default('diaban'),
  DIABAN_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/, 'must be a lower-case SQL identifier')
    .default('diaban_app'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: LogLevel.default('info'),
  LEDGER_KEY_FILE: z.string().min(1).optional(),
  LEDGER_ORIGIN: z.string().min(1).optional(),
  /** `serve` seeds the demo into an empty database: unset, on PGlite only; 1, also on PostgreSQL; 0, never. */
  DIABAN_DEMO: z.enum(['0', '1']).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset: `DATABASE_URL= npm start` means "use the embedded database". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
