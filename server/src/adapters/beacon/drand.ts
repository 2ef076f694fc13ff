// The public randomness beacon for the opening draw: drand's quicknet (League of Entropy), read over its HTTP API
// with drand-client, which checks the relay's chain against the pinned hash and public key and each round's BLS
// signature before we use its randomness. Any relay of the chain will do (DRAND_URL); tests serve recorded rounds.
import { type ChainOptions, fetchBeacon, HttpCachingChain, HttpChainClient } from 'drand-client'

/** drand quicknet: a round every 3 s since 2023-08-23 (unchained BLS on G1, RFC 9380). */
export const QUICKNET = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  genesisTime: 1692803367,
  period: 3,
} as const

export interface BeaconRound {
  round: number
  randomness: string
  signature: string
}

export interface Beacon {
  /** What a draw records at its start: the chain, and how its rounds are timed. */
  chain: { chainHash: string; genesisTime: number; period: number }
  /** The round, verified; throws when it cannot be had (not yet published, relay unreachable, bad signature). */
  round(round: number): Promise<BeaconRound>
}

/** `baseUrl`: a relay's URL for the chain, e.g. https://api.drand.sh/<chain hash>. */
export function drandBeacon(baseUrl: string, options: { timeoutMs?: number } = {}): Beacon {
  const chainOptions: ChainOptions = {
    disableBeaconVerification: false,
    noCache: false,
    chainVerificationParams: { chainHash: QUICKNET.chainHash, publicKey: QUICKNET.publicKey },
  }
  const client = new HttpChainClient(new HttpCachingChain(baseUrl.replace(/\/+$/, ''), chainOptions), chainOptions)
  const timeoutMs = options.timeoutMs ?? 5000
  return {
    chain: { chainHash: QUICKNET.chainHash, genesisTime: QUICKNET.genesisTime, period: QUICKNET.period },
    async round(round) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`drand round ${round}: no answer in ${timeoutMs} ms`)), timeoutMs)
      })
      try {
        const beacon = await Promise.race([fetchBeacon(client, round), timeout])
        return { round: beacon.round, randomness: beacon.randomness, signature: beacon.signature }
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
