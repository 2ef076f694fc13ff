// The process's logger: JSON lines for a log collector, or one readable line per record for a person at a terminal.
import pino, { type Logger } from 'pino'
import type { Config } from './config.ts'

export async function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Promise<Logger> {
  if (config.logFormat === 'json') return pino({ level: config.logLevel })
  const { default: pretty } = await import('pino-pretty')
  // Synchronous, on this thread: the start banner and the records stay in the order they happened.
  const stream = pretty({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
  })
  return pino({ level: config.logLevel }, stream)
}
