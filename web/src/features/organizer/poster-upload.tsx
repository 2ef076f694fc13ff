// Poster upload: POST /api/media (multipart), preview, and the media id for the event form.
import { useId, useState } from 'react'
import { api } from '../../api/client.ts'
import type { Media } from '../../api/types.ts'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'

export function PosterUpload(props: { previewUrl: string | null; onUploaded(media: Media): void; error?: string }) {
  const { t } = useI18n()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [preview, setPreview] = useState(props.previewUrl)

  const upload = async (file: File) => {
    setBusy(true)
    setError(null)
    const form = new FormData()
    form.append('file', file)
    try {
      const media = await api<Media>('/api/media', { body: form })
      setPreview(media.url)
      props.onUploaded(media)
    } catch (e) {
      setError(errorMessage(e, t))
    }
    setBusy(false)
  }

  const shown = error ?? props.error
  return (
    <div className={`field ${shown ? 'invalid' : ''}`}>
      <label htmlFor={id}>{t('org.poster')}</label>
      {preview && <img className="poster preview" src={`${preview}${preview.includes('?') ? '&' : '?'}w=320`} alt="" />}
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
        aria-describedby={shown ? `${id}-err` : undefined}
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void upload(file)
        }}
      />
      {busy && <small role="status">{t('org.uploading')}</small>}
      {shown && (
        <small id={`${id}-err`} className="error-text" role="alert">
          {shown}
        </small>
      )}
    </div>
  )
}
