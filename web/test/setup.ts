// Component tests: a fresh DOM, storage and login for each test.
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { clearTokens } from '../src/api/session.ts'

afterEach(() => {
  cleanup()
  // The access token lives in the session module's memory: one test's login must not carry into the next.
  clearTokens()
  localStorage.clear()
  sessionStorage.clear()
})
