// A local stand-in for a drand relay of the quicknet chain, over real HTTP, speaking drand's documented v1 API:
// GET /{chain hash}/info (the chain's parameters) and GET /{chain hash}/public/{round} ({ round, randomness,
// signature }; 404 for a round it does not have). It serves recorded rounds, real ones as the League of Entropy
// signed them, so drand-client checks their BLS signatures as it would against the live network.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { QUICKNET } from '../src/adapters/beacon/drand.ts'

/** Quicknet round 1000 (2023-08-23T15:59:24Z), as the network published it. */
export const RECORDED_ROUND = {
  round: 1000,
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  signature: 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
}

const INFO = {
  public_key: QUICKNET.publicKey,
  period: QUICKNET.period,
  genesis_time: QUICKNET.genesisTime,
  hash: QUICKNET.chainHash,
  groupHash: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  schemeID: 'bls-unchained-g1-rfc9380',
  metadata: { beaconID: 'quicknet' },
}

export async function startDrandDouble(rounds = [RECORDED_ROUND]) {
  const served = new Map(rounds.map((r) => [r.round, r]))
  const asked: number[] = []
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (path === `/${QUICKNET.chainHash}/info`) return send(200, INFO)
    const round = path.match(new RegExp(`^/${QUICKNET.chainHash}/public/(\\d+)$`))
    if (round) {
      asked.push(Number(round[1]))
      const found = served.get(Number(round[1]))
      return found ? send(200, found) : send(404, { error: 'not found' })
    }
    send(404, { error: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    /** The chain's URL on this relay, as DRAND_URL takes it. */
    url: `http://127.0.0.1:${port}/${QUICKNET.chainHash}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
