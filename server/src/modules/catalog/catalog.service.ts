// The publishing story: organizers create and edit their events; anyone reads one (which counts as a view).
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { FieldError } from '../../kernel/app-error.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Principal } from '../../kernel/principal.ts'
import { capacityBelowSold, eventNotFound, invalidEvent, lockedAfterSaleOpened } from './catalog.errors.ts'
import type { IndexSync } from './catalog.index-sync.ts'
import { catalogRepository as repo } from './catalog.repository.ts'
import {
  defaultPaymentDeadline,
  draftProblems,
  type EventDraft,
  type GradeDraft,
  lockedChanges,
  unknownGradeIds,
} from './catalog.rules.ts'
import type { EventInput, EventPatch } from './catalog.schemas.ts'
import type { TrendingCounter } from './catalog.trending.ts'
import { type PosterUrl, toEventView } from './catalog.views.ts'

export interface CatalogDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  sync: IndexSync
  trending: TrendingCounter
  posterExists: (mediaId: string) => Promise<boolean>
  posterUrl: PosterUrl
}

const VIEW_WEIGHT = 1

/** Parses the timestamps the schema has let through; a date that does not exist (leap second …) is a field error. */
function parseDates(input: EventPatch, errors: FieldError[]) {
  const parse = (name: 'startsAt' | 'endsAt' | 'saleOpensAt' | 'saleClosesAt' | 'preQueueOpensAt') => {
    const raw = input[name]
    if (raw === undefined || raw === null) return raw
    const d = new Date(raw)
    if (Number.isNaN(d.getTime())) errors.push({ path: `body/${name}`, message: 'is not a valid date-time' })
    return d
  }
  return {
    startsAt: parse('startsAt'),
    endsAt: parse('endsAt'),
    saleOpensAt: parse('saleOpensAt'),
    saleClosesAt: parse('saleClosesAt'),
    preQueueOpensAt: parse('preQueueOpensAt'),
  }
}

const trimmed = (s: string) => s.trim()

export function createCatalogService(deps: CatalogDeps) {
  const { db, clock, newId, sync } = deps

  async function posterProblems(id: string | null | undefined): Promise<FieldError[]> {
    if (!id || (await deps.posterExists(id))) return []
    return [{ path: 'body/posterMediaId', message: 'is not an uploaded image' }]
  }

  async function view(id: string) {
    const event = await repo.eventById(db, id)
    if (!event) throw eventNotFound()
    return toEventView(event, await repo.gradesOf(db, id), clock.now(), deps.posterUrl)
  }

  /** Validates a new event and builds its rows, or throws 400 with every problem found. */
  async function prepare(principal: Principal, input: EventInput) {
    const now = clock.now()
    const errors: FieldError[] = []
    const dates = parseDates(input, errors)
    if (errors.length === 0) {
      const draft = {
        ...dates,
        endsAt: dates.endsAt ?? null,
        preQueueOpensAt: dates.preQueueOpensAt ?? null,
        grades: input.grades,
      } as EventDraft
      errors.push(...draftProblems(draft, now, true))
    }
    errors.push(...(await posterProblems(input.posterMediaId)))
    if (errors.length > 0) throw invalidEvent(errors)
    const id = newId()
    const event = {
      id,
      organizerId: principal.userId,
      title: trimmed(input.title),
      description: input.description ?? '',
      category: input.category,
      performers: (input.performers ?? []).map(trimmed),
      venueName: trimmed(input.venue.name),
      venueCity: trimmed(input.venue.city),
      venueAddress: input.venue.address ?? null,
      startsAt: dates.startsAt!,
      endsAt: dates.endsAt ?? null,
      saleOpensAt: dates.saleOpensAt!,
      saleClosesAt: dates.saleClosesAt!,
      posterMediaId: input.posterMediaId ?? null,
      perUserLimit: input.perUserLimit ?? 4,
      paymentDeadline: input.paymentDeadline ?? defaultPaymentDeadline(input.preQueueOpensAt),
      requireIdentity: input.requireIdentity ?? false,
      minAge: input.minAge ?? null,
      entryChallenge: input.entryChallenge ?? null,
      preQueueOpensAt: dates.preQueueOpensAt ?? null,
      createdAt: now,
    }
    const grades = input.grades.map((g, position) => ({
      id: newId(),
      eventId: id,
      position,
      name: trimmed(g.name),
      price: g.price,
      capacity: g.capacity,
      remaining: g.capacity,
    }))
    return { event, grades }
  }

  return {
    async create(principal: Principal, input: EventInput) {
      const { event, grades } = await prepare(principal, input)
      const row = await db.transaction((tx) => repo.insertEvents(tx, [event], grades))
      sync.apply(row[0]!) // findable here at once; other processes pick it up on their next poll
      return view(event.id)
    },

    /** Publishes many events in one transaction (the demo catalog, imports): all or none. Returns their ids. */
    async createMany(principal: Principal, inputs: EventInput[]) {
      const prepared = await Promise.all(inputs.map((input) => prepare(principal, input)))
      const rows = await db.transaction((tx) =>
        repo.insertEvents(
          tx,
          prepared.map((p) => p.event),
          prepared.flatMap((p) => p.grades),
        ),
      )
      for (const row of rows) sync.apply(row)
      return prepared.map((p) => p.event.id)
    },

    async update(principal: Principal, id: string, patch: EventPatch) {
      const now = clock.now()
      const row = await db.transaction(async (tx) => {
        const stored = await repo.eventById(tx, id, { lock: true })
        // Another organizer's event answers exactly as a missing one.
        if (!stored || (principal.role !== 'admin' && stored.organizerId !== principal.userId)) throw eventNotFound()
        const grades = await repo.gradesOf(tx, id)
        const errors: FieldError[] = []
        const dates = parseDates(patch, errors)
        if (errors.length > 0) throw invalidEvent(errors)
        const merged = {
          startsAt: dates.startsAt ?? stored.startsAt,
          endsAt: dates.endsAt === undefined ? stored.endsAt : dates.endsAt,
          saleOpensAt: dates.saleOpensAt ?? stored.saleOpensAt,
          saleClosesAt: dates.saleClosesAt ?? stored.saleClosesAt,
          preQueueOpensAt: dates.preQueueOpensAt === undefined ? stored.preQueueOpensAt : dates.preQueueOpensAt,
          grades: patch.grades ?? grades,
          paymentDeadline: patch.paymentDeadline ?? stored.paymentDeadline,
        }
        errors.push(...draftProblems(merged, now, false), ...(await posterProblems(patch.posterMediaId)))
        if (patch.grades) errors.push(...unknownGradeIds(grades, patch.grades))
        if (errors.length > 0) throw invalidEvent(errors)
        const locked = lockedChanges(
          stored,
          grades,
          {
            ...patch,
            saleOpensAt: dates.saleOpensAt ?? undefined,
            startsAt: dates.startsAt ?? undefined,
            preQueueOpensAt: dates.preQueueOpensAt,
          },
          now,
        )
        if (locked.length > 0) throw lockedAfterSaleOpened(locked)

        if (patch.grades) await replaceGrades(tx, id, grades, patch.grades)
        return repo.updateEvent(tx, id, {
          ...(patch.title !== undefined && { title: trimmed(patch.title) }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.category !== undefined && { category: patch.category }),
          ...(patch.performers !== undefined && { performers: patch.performers.map(trimmed) }),
          ...(patch.venue !== undefined && {
            venueName: trimmed(patch.venue.name),
            venueCity: trimmed(patch.venue.city),
            venueAddress: patch.venue.address ?? null,
          }),
          ...(patch.posterMediaId !== undefined && { posterMediaId: patch.posterMediaId }),
          ...(patch.perUserLimit !== undefined && { perUserLimit: patch.perUserLimit }),
          ...(patch.paymentDeadline !== undefined && { paymentDeadline: patch.paymentDeadline }),
          ...(patch.requireIdentity !== undefined && { requireIdentity: patch.requireIdentity }),
          ...(patch.minAge !== undefined && { minAge: patch.minAge }),
          ...(patch.entryChallenge !== undefined && { entryChallenge: patch.entryChallenge }),
          startsAt: merged.startsAt,
          endsAt: merged.endsAt,
          saleOpensAt: merged.saleOpensAt,
          saleClosesAt: merged.saleClosesAt,
          preQueueOpensAt: merged.preQueueOpensAt,
        })
      })
      if (row) sync.apply(row)
      return view(id)
    },

    /** The event's page; a viewer's first look in a while feeds trending. */
    async get(id: string, viewer: string) {
      const event = await view(id)
      await deps.trending.record(id, VIEW_WEIGHT, clock.now(), viewer, 'view')
      return event
    },
  }

  async function replaceGrades(tx: DbOrTx, eventId: string, stored: { id: string }[], next: GradeDraft[]) {
    const keep = new Set(next.map((g) => g.id).filter(Boolean))
    const problems: FieldError[] = []
    for (const g of stored) {
      if (!keep.has(g.id) && !(await repo.deleteUnsoldGrade(tx, g.id))) {
        problems.push({ path: 'body/grades', message: `grade ${g.id} has sold seats and cannot be removed` })
      }
    }
    // In id order, the order the booking path locks grades in, so the two never wait on each other in a cycle.
    const ordered = next
      .map((g, position) => ({ ...g, position }))
      .sort((a, b) => ((a.id ?? '') < (b.id ?? '') ? -1 : 1))
    for (const g of ordered) {
      const fields = { name: trimmed(g.name), price: g.price, capacity: g.capacity, position: g.position }
      if (!g.id) {
        await repo.insertGrade(tx, { id: newId(), eventId, remaining: g.capacity, ...fields })
      } else if (!(await repo.updateGrade(tx, g.id, fields))) {
        problems.push({ path: `body/grades/${g.position}/capacity`, message: 'is below the seats already sold' })
      }
    }
    if (problems.length > 0) throw capacityBelowSold(problems)
  }
}

export type CatalogService = ReturnType<typeof createCatalogService>
