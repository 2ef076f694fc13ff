// useQuery: what a page shows while its key changes, reloads and refreshes fail.
import { act, renderHook } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { useQuery } from './query.ts'

/** Loads whose answers the test gives, one per call, in any order. */
function answers<T>() {
  const pending: { key: string; resolve(value: T): void; reject(error: unknown): void; signal: AbortSignal }[] = []
  const load = (key: string) => (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => pending.push({ key, resolve, reject, signal }))
  return { pending, load }
}

test("a new key shows loading, never the previous key's data, and a late answer for the old key is dropped", async () => {
  const { pending, load } = answers<string>()
  const { result, rerender } = renderHook(({ key }) => useQuery(key, load(key)), { initialProps: { key: 'a' } })
  expect(result.current[0].state).toBe('loading')
  await act(async () => pending[0]!.resolve('A'))
  expect(result.current[0]).toMatchObject({ state: 'ready', data: 'A' })

  rerender({ key: 'b' })
  expect(result.current[0].state).toBe('loading')
  rerender({ key: 'c' })
  expect(pending[1]!.signal.aborted).toBe(true)
  await act(async () => pending[1]!.resolve('B, too late'))
  expect(result.current[0].state).toBe('loading')
  await act(async () => pending[2]!.resolve('C'))
  expect(result.current[0]).toMatchObject({ state: 'ready', data: 'C' })
})

test('reload keeps the data on screen until the new answer; a failed first load can be retried', async () => {
  const { pending, load } = answers<string>()
  const { result } = renderHook(() => useQuery('k', load('k')))
  await act(async () => pending[0]!.reject(new Error('down')))
  expect(result.current[0]).toMatchObject({ state: 'error', error: new Error('down') })

  act(() => result.current[1]())
  expect(result.current[0].state).toBe('loading')
  await act(async () => pending[1]!.resolve('one'))
  act(() => result.current[1]())
  expect(result.current[0]).toMatchObject({ state: 'ready', data: 'one' })
  await act(async () => pending[2]!.resolve('two'))
  expect(result.current[0]).toMatchObject({ state: 'ready', data: 'two' })
})

test('a null key loads nothing', () => {
  const load = vi.fn(async () => 'x')
  const { result } = renderHook(() => useQuery(null, load))
  expect(result.current[0].state).toBe('idle')
  expect(load).not.toHaveBeenCalled()
})

test('with refreshMs the data is polled, and a failed refresh keeps the last data with its error', async () => {
  vi.useFakeTimers()
  try {
    let n = 0
    const load = vi.fn(async () => {
      n += 1
      if (n === 2) throw new Error('blip')
      return n
    })
    const { result } = renderHook(() => useQuery('poll', load, { refreshMs: 1000 }))
    await act(async () => vi.advanceTimersByTimeAsync(0))
    expect(result.current[0]).toMatchObject({ state: 'ready', data: 1 })
    await act(async () => vi.advanceTimersByTimeAsync(1000))
    expect(result.current[0]).toMatchObject({ state: 'ready', data: 1, error: new Error('blip') })
    await act(async () => vi.advanceTimersByTimeAsync(1000))
    expect(result.current[0]).toMatchObject({ state: 'ready', data: 3 })
    expect(result.current[0].error).toBeUndefined()
  } finally {
    vi.useRealTimers()
  }
})

test('an unmounted query stops polling', async () => {
  vi.useFakeTimers()
  try {
    const load = vi.fn(async () => 'x')
    const { unmount } = renderHook(() => useQuery('gone', load, { refreshMs: 1000 }))
    await act(async () => vi.advanceTimersByTimeAsync(0))
    unmount()
    await vi.advanceTimersByTimeAsync(5000)
    expect(load).toHaveBeenCalledTimes(1)
  } finally {
    vi.useRealTimers()
  }
})
