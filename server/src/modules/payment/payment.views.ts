// How payments look from outside.
import type { HistoryRow, PaymentRow } from './payment.repository.ts'
import type { PaymentView } from './payment.schemas.ts'

export type { PaymentView }

export const toPaymentView = (row: PaymentRow): PaymentView => ({
  id: row.id,
  bookingId: row.bookingId,
  amount: row.amount,
  provider: row.provider,
  providerPaymentId: row.providerPaymentId,
  status: row.status,
  failureCode: row.failureCode,
  paidAt: row.paidAt?.toISOString() ?? null,
  cancelledAt: row.cancelledAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
})

export const toHistoryView = (row: HistoryRow) => ({
  at: row.at.toISOString(),
  kind: row.kind,
  status: row.status,
  data: row.data,
})
