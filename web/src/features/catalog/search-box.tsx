// The search box: suggestions as you type (debounced, at most one request in flight), Enter opens the results.
import { useEffect, useId, useState } from 'react'
import { useNavigate } from 'react-router'
import { api } from '../../api/client.ts'
import type { EventSummary, Page } from '../../api/types.ts'
import { useI18n } from '../../i18n/i18n.tsx'

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [q, setQ] = useState(initial)
  const [suggestions, setSuggestions] = useState<EventSummary[]>([])
  const [active, setActive] = useState(-1)
  const [open, setOpen] = useState(false)
  const listId = useId()

  useEffect(() => {
    const query = q.trim()
    if (!query) {
      setSuggestions([])
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      api<Page<EventSummary>>(`/api/events?q=${encodeURIComponent(query)}&limit=6`, {
        auth: false,
        signal: controller.signal,
      }).then(
        (page) => {
          setSuggestions(page.items)
          setActive(-1)
        },
        () => undefined,
      )
    }, 150)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [q])

  const submit = () => {
    setOpen(false)
    const chosen = suggestions[active]
    if (chosen) navigate(`/events/${chosen.id}`)
    else if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`)
  }

  const showList = open && suggestions.length > 0
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet in React's JSX types; the role is equivalent.
    <form
      className="searchbox"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        value={q}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setQ(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, suggestions.length - 1))
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, -1))
          else if (e.key === 'Escape') setOpen(false)
          else return
          e.preventDefault()
        }}
      />
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
      {showList && (
        <div id={listId} role="listbox" className="suggestions" aria-label={t('search.suggestions')}>
          {suggestions.map((s, i) => (
            <div
              key={s.id}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                setOpen(false)
                navigate(`/events/${s.id}`)
              }}
            >
              <strong>{s.title}</strong> <span className="muted">{s.venue.city}</span>
            </div>
          ))}
        </div>
      )}
    </form>
  )
}
