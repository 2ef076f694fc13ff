// The media module's errors.
import { AppError, type ErrorCodeOf, notFound, validationFailed } from '../../kernel/app-error.ts'

export const unsupportedMedia = (detail = 'Only JPEG, PNG, WebP, GIF and AVIF images are accepted') =>
  new AppError('media.unsupported', 415, detail)
export const mediaTooLarge = (maxBytes: number) =>
  new AppError('media.too_large', 413, `The file is larger than ${maxBytes} bytes`)
export const fileMissing = () =>
  validationFailed([{ path: 'body/file', message: 'a multipart field named "file" is required' }])
export const mediaNotFound = () => notFound('media.not_found', 'No such image')
export const notMultipart = () =>
  new AppError('media.not_multipart', 415, 'Send the image as multipart/form-data in a field named "file"')

export type MediaErrorCode = ErrorCodeOf<typeof import('./media.errors.ts')>
