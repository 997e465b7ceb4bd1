import { pino, type Logger } from 'pino';

export type { Logger };

/** One logger for the process; every component takes a child so its lines say where they come from. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'diaban' } }, destination);
}
