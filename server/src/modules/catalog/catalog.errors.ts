// The catalog module's errors.
import { AppError, type ErrorCodeOf, type FieldError, notFound, validationFailed } from '../../kernel/app-error.ts'

export const eventNotFound = () => notFound('catalog.event_not_found', 'No such event')
export const invalidEvent = (errors: FieldError[]) => validationFailed(errors)
export const invalidCursor = () =>
  validationFailed([{ path: 'querystring/cursor', message: 'is not a cursor this listing gave out' }])
/** The sale has opened: some terms are promises to fans who may already hold seats. */
export const lockedAfterSaleOpened = (errors: FieldError[]) =>
  new AppError('catalog.locked_after_sale_opened', 409, 'These fields can no longer change: the sale has opened', {
    errors,
  })
export const capacityBelowSold = (errors: FieldError[]) =>
  new AppError('catalog.capacity_below_sold', 409, 'A grade cannot hold fewer seats than it has sold', { errors })

export type CatalogErrorCode = ErrorCodeOf<typeof import('./catalog.errors.ts')>
