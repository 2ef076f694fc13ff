// Every module's tables, gathered for Drizzle's typed queries and for drizzle-kit.
export * from '../../modules/auth/auth.tables.ts'
export * from '../../modules/booking/booking.tables.ts'
export * from '../../modules/catalog/catalog.tables.ts'
export * from '../../modules/outbox/outbox.tables.ts'
export * from '../../modules/payment/payment.tables.ts'
export * from '../../modules/queue/queue.tables.ts'
