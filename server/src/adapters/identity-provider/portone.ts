// PortOne V1 본인인증 over the shared V1 client: the browser opens `IMP.certification` with our verification id as
// `merchant_uid`; the server reads `GET /certifications/{imp_uid}` and then deletes PortOne's copy
// (`DELETE /certifications/{imp_uid}`). PortOne serves certifications through danal, inicis_unified, inicis and
// kcp_v2 only.
import { createPortOneClient, type PortOneClientOptions } from '../portone-v1/client.ts'
import type { IdentityProvider } from './provider.ts'

export const CERTIFICATION_PGS = ['danal', 'inicis_unified', 'inicis', 'kcp_v2'] as const

export interface PortOneIdentityOptions extends PortOneClientOptions {
  impCode: string
  /** The certification channel (`channelKey`), or the PG as `<provider>.<merchant id>` (e.g. `inicis_unified.MIIiasTest`). */
  channelKey?: string | undefined
  pg?: string | undefined
  sdkUrl?: string
}

/** GET /certifications/{imp_uid}'s `response`, the fields we read (it also carries name, phone, gender…). */
interface PortOneCertification {
  imp_uid: string
  merchant_uid: string
  certified: boolean
  unique_key?: string | null
  birthday?: string | null
}

export function createPortOneIdentityProvider(options: PortOneIdentityOptions): IdentityProvider {
  const { call } = createPortOneClient(options)
  return {
    name: 'portone',

    async start({ verificationId }) {
      return {
        sdkUrl: options.sdkUrl ?? 'https://cdn.iamport.kr/v1/iamport.js',
        impCode: options.impCode,
        ...(options.channelKey ? { channelKey: options.channelKey } : options.pg ? { pg: options.pg } : {}),
        merchantUid: verificationId,
      }
    },

    async lookup(impUid) {
      const answer = await call<PortOneCertification>('GET', `/certifications/${encodeURIComponent(impUid)}`)
      const c = answer.response!
      return {
        providerVerificationId: c.imp_uid,
        merchantUid: c.merchant_uid,
        certified: c.certified === true,
        uniqueKey: c.unique_key ?? null,
        birthDate: c.birthday ?? null,
      }
    },

    async forget(impUid) {
      await call('DELETE', `/certifications/${encodeURIComponent(impUid)}`)
    },
  }
}
