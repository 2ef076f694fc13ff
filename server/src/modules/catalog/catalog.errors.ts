import { AppError, type FieldError, notFound } from '../../kernel/app-error.ts'

export const eventNotFound = () => notFound('catalog.event_not_found', 'No such event')
export const invalidEvent = (errors: FieldError[]) =>
  new AppError('validation.failed', 400, 'The request is not valid', { errors })
export const invalidCursor = () =>
  new AppError('validation.failed', 400, 'The request is not valid', {
    errors: [{ path: 'querystring/cursor', message: 'is not a cursor this listing gave out' }],
  })
/** The sale has opened: some terms are promises to fans who may already hold seats. */
export const lockedAfterSaleOpened = (errors: FieldError[]) =>
  new AppError('catalog.locked_after_sale_opened', 409, 'These fields can no longer change: the sale has opened', {
    errors,
  })
export const capacityBelowSold = (errors: FieldError[]) =>
  new AppError('catalog.capacity_below_sold', 409, 'A grade cannot hold fewer seats than it has sold', { errors })
