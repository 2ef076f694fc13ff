// The outbox's public surface: emit events inside a transaction; subscribe handlers; a dispatcher job. It owns the
// outbox table and asks nothing of modules: booking and payment emit records here, and payment consumes one kind
// (booking.released) later, never in the emitter's control flow.
export { createOutbox, type EventHandler, type Outbox, type OutboxEvent, type StoredEvent } from './outbox.ts'
