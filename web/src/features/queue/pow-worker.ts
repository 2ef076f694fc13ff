// A Web Worker that derives ALTCHA keys (PBKDF2/SHA-256, WebCrypto) for entry-proof.ts, so solving never blocks the
// page. altcha-lib's own worker module imports node:crypto; this one uses its browser key derivation.
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2'
import { handler } from 'altcha-lib/workers/shared'

handler({ deriveKey })
