// 본인인증 through PortOne V1's browser SDK: IMP.certification opens the carrier's window for our verification id
// (merchant_uid) and calls back with the certification's imp_uid, which the server then reads from PortOne itself.
import { ApiError } from '../../api/client.ts'
import { portOneFor } from '../booking/portone.ts'

interface CertificationCheckout {
  sdkUrl: string
  impCode: string
  merchantUid: string
  channelKey?: string
  pg?: string
}

/** Resolves with the imp_uid to complete, or rejects with PortOne's reason (the person closed the window, …). */
export async function certifyWithPortOne(checkout: Record<string, unknown>): Promise<string> {
  const c = checkout as unknown as CertificationCheckout
  if (typeof c.sdkUrl !== 'string' || typeof c.impCode !== 'string' || typeof c.merchantUid !== 'string')
    throw new ApiError(502, 'identity.checkout_invalid', 'the server sent no PortOne certification window')
  const imp = await portOneFor(c.sdkUrl, c.impCode)
  return new Promise((resolve, reject) => {
    imp.certification(
      {
        merchant_uid: c.merchantUid,
        ...(c.channelKey ? { channelKey: c.channelKey } : c.pg ? { pg: c.pg } : {}),
        popup: true,
      },
      (rsp: { success?: boolean; imp_uid?: string | null; error_msg?: string | null }) =>
        rsp.success && rsp.imp_uid
          ? resolve(rsp.imp_uid)
          : reject(new ApiError(400, 'identity.not_certified', rsp.error_msg ?? 'not certified')),
    )
  })
}
