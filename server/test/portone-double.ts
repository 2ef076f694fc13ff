// A local stand-in for PortOne V1 (the iamport REST API), over real HTTP, speaking its documented endpoints:
// POST /users/getToken, GET /payments/{imp_uid}, GET /payments/find/{merchant_uid}/{payment_status?} (the most recent
// of that order, in that status when named), POST /payments/cancel, GET and DELETE /certifications/{imp_uid}
// (본인인증 results: the person's name, phone, birthday, CI as unique_key and DI as unique_in_site; DELETE removes
// PortOne's copy and answers it once more) — every answer the { code, message, response }
// envelope, every call but getToken with `Authorization: Bearer <access_token>` — and it can send the webhook
// { imp_uid, merchant_uid, status, cancellation_id? } as JSON or form-encoded (a console option), never for a
// failed payment. Tests inject failures:
// 5xx answers, answers slower than the client's timeout, expired tokens, payments of the wrong amount.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type DoubleRoute = 'getToken' | 'lookup' | 'cancel' | 'certification'
/** `lost`: the request is carried out but its answer never arrives (a 503 instead). */
type Failure = { kind: '5xx' | 'timeout' | 'lost'; holdMs?: number }

interface DoublePayment {
  imp_uid: string
  merchant_uid: string
  status: 'ready' | 'paid' | 'failed' | 'cancelled'
  amount: number
  cancel_amount: number
  paid_at: number
  cancelled_at: number
  cancel_history: { amount: number; reason: string; cancelled_at: number }[]
  currency: 'KRW'
  /** Made on a test channel: hidden from lookups unless `include_sandbox=true` is asked (PortOne, 2026-01-26). */
  sandbox: boolean
}

/** GET /certifications/{imp_uid}'s response, as PortOne documents it. */
interface DoubleCertification {
  imp_uid: string
  merchant_uid: string
  pg_tid: string
  pg_provider: 'danal' | 'inicis_unified' | 'inicis' | 'kcp_v2'
  name: string
  gender: 'male' | 'female'
  birth: number
  birthday: string
  foreigner: boolean
  phone: string
  carrier: 'SKT' | 'KT' | 'LGT'
  certified: boolean
  certified_at: number
  unique_key: string
  unique_in_site: string
  origin: string
}

export interface PortOneDouble {
  url: string
  apiKey: string
  apiSecret: string
  /** A payment as if a payer went through the window; `amount` may differ from what was asked. */
  pay(input: { merchantUid: string; amount: number; status?: DoublePayment['status']; sandbox?: boolean }): string
  payment(impUid: string): DoublePayment | undefined
  /** A person finishing (or, `certified: false`, abandoning) IMP.certification for our `merchantUid`. */
  certify(input: { merchantUid: string; ci: string; birthday: string; certified?: boolean }): string
  certification(impUid: string): DoubleCertification | undefined
  /** A full refund made by the store in PortOne's console, as the console does it (no call of ours). */
  refundInConsole(impUid: string): void
  /** The next `times` requests to `route` fail this way. */
  failNext(route: DoubleRoute, failure: Failure, times?: number): void
  /** Every issued token stops working (as after their expiry). */
  expireTokens(): void
  requests: { route: DoubleRoute | 'other'; status: number }[]
  /** Posts PortOne's notification for this payment to `url`, as JSON or (a console option) form-encoded. */
  notify(url: string, impUid: string, encoding?: 'json' | 'form'): Promise<Response>
  close(): Promise<void>
}

const now = () => Math.floor(Date.now() / 1000)

export async function startPortOneDouble(): Promise<PortOneDouble> {
  const apiKey = `key_${randomBytes(4).toString('hex')}`
  const apiSecret = `secret_${randomBytes(8).toString('hex')}`
  const tokens = new Set<string>()
  const payments = new Map<string, DoublePayment>()
  const certifications = new Map<string, DoubleCertification>()
  const failures = new Map<DoubleRoute, Failure[]>()
  const requests: PortOneDouble['requests'] = []
  const held = new Set<NodeJS.Timeout>()

  const send = (res: ServerResponse, status: number, code: number, message: string | null, response: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ code, message, response }))
  }
  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
    } catch {
      return {}
    }
  }
  const authorized = (req: IncomingMessage) => {
    const header = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')
    return header !== null && tokens.has(header[1]!)
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    const withSandbox = new URL(req.url ?? '/', 'http://double').searchParams.get('include_sandbox') === 'true'
    const visible = (p: DoublePayment | undefined) => (p && (!p.sandbox || withSandbox) ? p : undefined)
    const route: DoubleRoute | 'other' =
      req.method === 'POST' && path === '/users/getToken'
        ? 'getToken'
        : req.method === 'POST' && path === '/payments/cancel'
          ? 'cancel'
          : req.method === 'GET' && path.startsWith('/payments/')
            ? 'lookup'
            : (req.method === 'GET' || req.method === 'DELETE') && path.startsWith('/certifications/')
              ? 'certification'
              : 'other'
    const log = (status: number) => requests.push({ route, status })
    const failure = route === 'other' ? undefined : failures.get(route)?.shift()
    if (failure?.kind === '5xx') {
      log(503)
      return send(res, 503, -1, 'Service Unavailable', null)
    }
    if (failure?.kind === 'timeout') {
      log(0)
      // Answer only after the client has given up.
      const t = setTimeout(() => {
        held.delete(t)
        if (!res.writableEnded) send(res, 200, 0, null, null)
      }, failure.holdMs ?? 2000)
      held.add(t)
      return
    }
    const body = req.method === 'POST' ? await readJson(req) : {}

    if (route === 'getToken') {
      if (body.imp_key !== apiKey || body.imp_secret !== apiSecret) {
        log(401)
        return send(res, 401, -1, 'imp_key, imp_secret 인증에 실패하였습니다.', null)
      }
      const token = randomBytes(20).toString('hex')
      tokens.add(token)
      log(200)
      return send(res, 200, 0, null, { access_token: token, now: now(), expired_at: now() + 1800 })
    }
    if (route === 'other') {
      log(404)
      return send(res, 404, -1, 'Not Found', null)
    }
    if (!authorized(req)) {
      log(401)
      return send(res, 401, -1, 'Unauthorized', null)
    }
    if (route === 'certification') {
      const impUid = decodeURIComponent(path.slice('/certifications/'.length))
      const c = certifications.get(impUid)
      if (c && req.method === 'DELETE') certifications.delete(impUid)
      log(c ? 200 : 404)
      return c ? send(res, 200, 0, null, c) : send(res, 404, 1, '인증결과가 존재하지 않습니다.', null)
    }
    if (route === 'lookup' && path.startsWith('/payments/find/')) {
      const [uid = '', status] = path.slice('/payments/find/'.length).split('/')
      const merchantUid = decodeURIComponent(uid)
      const p = [...payments.values()]
        .reverse()
        .find((x) => x.merchant_uid === merchantUid && (status === undefined || x.status === status) && visible(x))
      log(p ? 200 : 404)
      return p ? send(res, 200, 0, null, p) : send(res, 404, 1, '존재하지 않는 결제정보입니다.', null)
    }
    if (route === 'lookup') {
      const p = visible(payments.get(decodeURIComponent(path.slice('/payments/'.length))))
      log(p ? 200 : 404)
      return p ? send(res, 200, 0, null, p) : send(res, 404, 1, '존재하지 않는 결제정보입니다.', null)
    }
    // cancel
    const p = typeof body.imp_uid === 'string' ? payments.get(body.imp_uid) : undefined
    if (!p) {
      log(200)
      return send(res, 200, 1, '취소할 결제건이 존재하지 않습니다.', null)
    }
    const refundable = p.amount - p.cancel_amount
    if (p.status !== 'paid' || refundable <= 0) {
      log(200)
      return send(res, 200, 1, '이미 전액취소된 주문입니다.', null)
    }
    if (body.checksum !== undefined && body.checksum !== refundable) {
      log(200)
      return send(res, 200, 1, '취소 요청 금액이 취소가능금액과 일치하지 않습니다.', null)
    }
    const amount = typeof body.amount === 'number' && body.amount > 0 ? Math.min(body.amount, refundable) : refundable
    p.cancel_amount += amount
    p.cancel_history.push({ amount, reason: String(body.reason ?? ''), cancelled_at: now() })
    if (p.cancel_amount >= p.amount) {
      p.status = 'cancelled'
      p.cancelled_at = now()
    }
    if (failure?.kind === 'lost') {
      log(503)
      return send(res, 503, -1, 'Service Unavailable', null)
    }
    log(200)
    return send(res, 200, 0, null, p)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    apiKey,
    apiSecret,
    requests,
    pay({ merchantUid, amount, status = 'paid', sandbox = false }) {
      const imp_uid = `imp_${randomBytes(6).toString('hex')}`
      payments.set(imp_uid, {
        imp_uid,
        merchant_uid: merchantUid,
        status,
        amount,
        cancel_amount: 0,
        paid_at: status === 'paid' ? now() : 0,
        cancelled_at: 0,
        cancel_history: [],
        currency: 'KRW',
        sandbox,
      })
      return imp_uid
    },
    payment: (impUid) => payments.get(impUid),
    certify({ merchantUid, ci, birthday, certified = true }) {
      const imp_uid = `imp_${randomBytes(6).toString('hex')}`
      certifications.set(imp_uid, {
        imp_uid,
        merchant_uid: merchantUid,
        pg_tid: `tid_${randomBytes(4).toString('hex')}`,
        pg_provider: 'inicis_unified',
        name: '홍길동',
        gender: 'male',
        birth: Math.floor(Date.parse(`${birthday}T00:00:00+09:00`) / 1000),
        birthday,
        foreigner: false,
        phone: '01012345678',
        carrier: 'SKT',
        certified,
        certified_at: certified ? now() : 0,
        unique_key: ci,
        // The DI differs per merchant: never a way to tell people apart across stores.
        unique_in_site: `di_${randomBytes(8).toString('hex')}`,
        origin: 'https://trusticket.test/account',
      })
      return imp_uid
    },
    certification: (impUid) => certifications.get(impUid),
    refundInConsole(impUid) {
      const p = payments.get(impUid)!
      p.cancel_history.push({ amount: p.amount - p.cancel_amount, reason: 'console', cancelled_at: now() })
      p.cancel_amount = p.amount
      p.status = 'cancelled'
      p.cancelled_at = now()
    },
    failNext(route, failure, times = 1) {
      failures.set(route, [...(failures.get(route) ?? []), ...Array.from({ length: times }, () => failure)])
    },
    expireTokens: () => tokens.clear(),
    async notify(target, impUid, encoding = 'json') {
      const p = payments.get(impUid)!
      // PortOne sends no notification for a failed payment.
      if (p.status === 'failed')
        return new Response(null, { status: 204, statusText: 'no webhook for failed payments' })
      const fields: Record<string, string> = { imp_uid: p.imp_uid, merchant_uid: p.merchant_uid, status: p.status }
      if (p.status === 'cancelled') fields.cancellation_id = `cancel_${p.imp_uid}`
      return fetch(target, {
        method: 'POST',
        headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: encoding === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
      })
    },
    async close() {
      for (const t of held) clearTimeout(t)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
