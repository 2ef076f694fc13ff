import { expect, test } from 'vitest'
import type { EventDetail } from '../../api/types.ts'
import { bodyOf, changesOf, draftOf, emptyDraft, withProtection } from './event-draft.ts'

const event: EventDetail = {
  id: 'e1',
  title: '봄 콘서트',
  category: 'concert',
  performers: ['아이유', 'IU'],
  venue: { name: '올림픽홀', city: '서울', address: '송파구' },
  startsAt: '2026-12-24T10:00:00.000Z',
  endsAt: null,
  posterMediaId: null,
  saleOpensAt: '2026-12-01T03:00:00.000Z',
  saleClosesAt: '2026-12-20T15:00:00.000Z',
  posterUrl: null,
  minPrice: 99000,
  status: 'on_sale',
  description: '',
  perUserLimit: 4,
  requireIdentity: false,
  minAge: null,
  entryChallenge: null,
  preQueueOpensAt: null,
  paymentDeadline: { policy: 'end_of_day' },
  organizerId: 'u1',
  grades: [{ id: 'g1', name: 'R석', price: 99000, capacity: 100, remaining: 40 }],
}

test('a new event body carries Seoul wall times as +09:00 and numbers as numbers', () => {
  const draft = { ...emptyDraft(), title: ' 제목 ', startsAt: '2026-12-24T19:00', performers: 'A, B,' }
  draft.grades = [{ name: 'R석', price: '99000', capacity: '' }]
  const body = bodyOf(draft, false)
  expect(body.title).toBe('제목')
  expect(body.startsAt).toBe('2026-12-24T19:00:00+09:00')
  expect(body.performers).toEqual(['A', 'B'])
  // An empty number goes to the server as null, so its field error explains it.
  expect(JSON.parse(JSON.stringify(body.grades))).toEqual([{ name: 'R석', price: 99000, capacity: null }])
})

test('an edit sends only what changed, with grade ids, so locked fields are never touched', () => {
  const original = draftOf(event)
  const draft = { ...original, title: '봄 콘서트 앙코르' }
  expect(changesOf(draft, original)).toEqual({ title: '봄 콘서트 앙코르' })
  draft.grades = [...original.grades, { name: 'S석', price: '77000', capacity: '50' }]
  expect(changesOf(draft, original).grades).toEqual([
    { id: 'g1', name: 'R석', price: 99000, capacity: 100 },
    { name: 'S석', price: 77000, capacity: 50 },
  ])
  expect(changesOf(original, original)).toEqual({})
})

test('"인기 공연 보호" turns on 본인인증, the normal proof-of-work and a pre-queue an hour before the opening', () => {
  const draft = { ...emptyDraft(), saleOpensAt: '2026-12-24T20:00' }
  const protectedDraft = withProtection(draft)
  expect(protectedDraft).toMatchObject({
    requireIdentity: true,
    challengeCost: '2000',
    preQueueOpensAt: '2026-12-24T19:00',
    deadlinePolicy: 'minutes',
    deadlineMinutes: '10',
  })
  expect(bodyOf(protectedDraft, false).preQueueOpensAt).toBe('2026-12-24T19:00:00+09:00')
  // What the organizer chose stays; without an opening there is no pre-queue to place yet.
  const chosen = { challengeCost: '8000', preQueueOpensAt: '2026-12-24T12:00', deadlinePolicy: 'minutes' as const }
  expect(withProtection({ ...draft, ...chosen, deadlineMinutes: '25' })).toMatchObject({
    ...chosen,
    deadlineMinutes: '25',
  })
  expect(withProtection(emptyDraft()).preQueueOpensAt).toBe('')
  expect(bodyOf(emptyDraft(), false).preQueueOpensAt).toBeNull()
})
