// The outbox's public surface: emit events inside a transaction; subscribe handlers; a dispatcher job.
export { createOutbox, type EventHandler, type Outbox, type OutboxEvent, type StoredEvent } from './outbox.ts'
