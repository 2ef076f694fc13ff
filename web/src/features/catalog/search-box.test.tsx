import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes, useLocation } from 'react-router'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import { SearchBox } from './search-box.tsx'

afterEach(() => vi.unstubAllGlobals())

const hit = (id: string, title: string) => ({ id, title, venue: { name: 'v', city: '부산' } })

function Where() {
  const location = useLocation()
  return <p data-testid="where">{location.pathname + location.search}</p>
}
const page = (
  <>
    <SearchBox />
    <Routes>
      <Route path="*" element={<Where />} />
    </Routes>
  </>
)

test('suggestions come while typing (debounced: one request for a burst of keys) and arrows pick one', async () => {
  const { calls } = fakeServer({
    'GET /api/events': () =>
      json(200, { items: [hit('e1', '레미제라블 부산'), hit('e2', '레미제라블 서울')], nextCursor: null }),
  })
  renderAt('/', '*', page)
  await userEvent.type(screen.getByRole('combobox'), '레미제')
  await screen.findByRole('option', { name: /레미제라블 서울/ })
  expect(calls.filter((c) => c.path.startsWith('/api/events?'))).toHaveLength(1)
  expect(calls[0]!.path).toBe(`/api/events?q=${encodeURIComponent('레미제')}&limit=6`)
  await userEvent.keyboard('{ArrowDown}{ArrowDown}')
  expect(screen.getByRole('option', { name: /서울/ }).getAttribute('aria-selected')).toBe('true')
  await userEvent.keyboard('{Enter}')
  await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/events/e2'))
})

test('Enter without a pick opens the results page for the words typed', async () => {
  fakeServer({ 'GET /api/events': () => json(200, { items: [], nextCursor: null }) })
  renderAt('/', '*', page)
  await userEvent.type(screen.getByRole('combobox'), '부산 뮤지컬{Enter}')
  await waitFor(() =>
    expect(screen.getByTestId('where').textContent).toBe(`/search?q=${encodeURIComponent('부산 뮤지컬')}`),
  )
})
