// The deployment files say what docs/OPERATIONS.md says: compose validates, every role runs the one image as a
// non-root user with the right probes, every Deployment has a disruption budget, the API pools autoscale, and the
// gateway's upstream names are Services that exist.

import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { QUICKNET } from '../../src/adapters/beacon/drand.ts'

const DEPLOY = new URL('../../../deploy/', import.meta.url).pathname

const has = (binary: string, args: string[]) => {
  try {
    execFileSync(binary, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML
type Doc = any

describe('deployment files', () => {
  it('compose validates and runs PostgreSQL, Redis, a gateway, 2 API and 2 worker processes from one image', () => {
    const file = join(DEPLOY, 'compose.yaml')
    if (has('docker-compose', ['version'])) {
      const env = { ...process.env, PAYMENT_PROVIDER: 'test', IDENTITY_PROVIDER: 'test' }
      execFileSync('docker-compose', ['-f', file, 'config', '-q'], { stdio: 'pipe', env })
      // Without a named payment or identity provider compose itself refuses, before any container starts.
      for (const name of ['PAYMENT_PROVIDER', 'IDENTITY_PROVIDER'] as const) {
        const { [name]: _, ...unnamed } = env
        expect(() =>
          execFileSync('docker-compose', ['-f', file, 'config', '-q'], { stdio: 'pipe', env: unnamed }),
        ).toThrow(new RegExp(name))
      }
    } else if (process.env.CI) {
      throw new Error('docker-compose is needed to validate deploy/compose.yaml')
    }
    const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as Doc
    const services = compose.services as Record<string, Doc>
    const roleOf = (name: string) => services[name]?.environment?.ROLES
    expect(Object.keys(services).sort()).toEqual([
      'api-1',
      'api-2',
      'gateway',
      'postgres',
      'redis',
      'worker-1',
      'worker-2',
    ])
    expect(['gateway', 'api-1', 'api-2', 'worker-1', 'worker-2'].map(roleOf)).toEqual([
      'gateway',
      'api',
      'api',
      'worker',
      'worker',
    ])
    const images = new Set(['gateway', 'api-1', 'api-2', 'worker-1', 'worker-2'].map((s) => services[s].image))
    expect(images.size).toBe(1)
    expect(services.gateway.environment.API_UPSTREAMS).toBe('http://api:8080')
    // The gateway faces clients and trusts none of their headers; an API container trusts its one hop, the gateway.
    expect(services.gateway.environment.TRUST_PROXY).toBeUndefined()
    expect(services['api-1'].environment.TRUST_PROXY).toBe('1')
    expect(services['api-1'].ports).toBeUndefined()
    // The payment provider is named, never defaulted (the server refuses to start without one in production).
    expect(services.gateway.environment.PAYMENT_PROVIDER).toMatch(/^\$\{PAYMENT_PROVIDER:\?/)
    expect(services['api-1'].networks.default.aliases).toContain('api')
  })

  it('builds one multi-stage image that runs as a non-root user', () => {
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8')
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3)
    expect(dockerfile).toMatch(/^USER node$/m)
    // Exec form, so node gets SIGTERM itself; its flags are checked against node-args.ts in src/node-args.test.ts.
    expect(dockerfile).toMatch(/^CMD \["node", (".+", )*"server\/src\/main.ts"\]$/m)
  })

  it('gives every Kubernetes role probes, a disruption budget and a non-root, read-only container', () => {
    const docs: Doc[] = readdirSync(join(DEPLOY, 'k8s'))
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .flatMap((f) => parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', f), 'utf8')).map((d) => d.toJS()))
    const kind = (k: string) => docs.filter((d) => d?.kind === k)
    const roles = kind('Deployment').filter((d) => d.spec.template.spec.containers[0].image === 'trusticket')
    expect(roles.map((d) => d.metadata.name).sort()).toEqual(['api', 'api-queue', 'gateway', 'worker'])

    for (const d of roles) {
      const pod = d.spec.template.spec
      const c = pod.containers[0]
      expect(pod.securityContext.runAsNonRoot, d.metadata.name).toBe(true)
      expect(c.securityContext.readOnlyRootFilesystem, d.metadata.name).toBe(true)
      expect(c.livenessProbe.httpGet.path, d.metadata.name).toBe('/healthz')
      expect(c.readinessProbe.httpGet.path, d.metadata.name).toBe(
        d.metadata.name === 'gateway' ? '/healthz' : '/readyz',
      )
      const roleEnv = c.env.find((e: Doc) => e.name === 'ROLES').value
      expect(roleEnv).toBe(d.metadata.name === 'api-queue' ? 'api' : d.metadata.name)
      const labels = d.spec.template.metadata.labels
      const pdb = kind('PodDisruptionBudget').find((p) =>
        Object.entries(p.spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
      )
      expect(pdb, `PodDisruptionBudget for ${d.metadata.name}`).toBeDefined()
    }

    const scaled = kind('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)
    expect(scaled).toEqual(expect.arrayContaining(['api', 'api-queue']))

    // The gateway's upstreams are headless Services that select the API pods.
    const gateway = roles.find((d) => d.metadata.name === 'gateway').spec.template.spec.containers[0]
    for (const name of ['API_UPSTREAMS', 'QUEUE_UPSTREAMS']) {
      const host = new URL(gateway.env.find((e: Doc) => e.name === name).value).hostname.split('.')[0]
      const service = kind('Service').find((s) => s.metadata.name === host)
      expect(service?.spec.clusterIP, `${name} → ${host}`).toBe('None')
      const target = roles.find((d) => d.metadata.name === host)
      expect(service.spec.selector).toEqual(
        Object.fromEntries(Object.keys(service.spec.selector).map((k) => [k, target.spec.template.metadata.labels[k]])),
      )
    }
    // Client addresses: the gateway trusts no header, the API pods one hop, and only gateways reach them.
    const config = kind('ConfigMap').find((m) => m.metadata.name === 'trusticket').data
    expect(config.TRUST_PROXY).toBeUndefined()
    expect(config.PAYMENT_PROVIDER).toBe('portone')
    expect(config.IDENTITY_PROVIDER).toBe('portone')
    // The opening draws' beacon: a relay of the chain the server pins (drand-client checks its hash and key).
    expect(new URL(config.DRAND_URL).pathname).toBe(`/${QUICKNET.chainHash}`)
    const envOf = (name: string) => roles.find((d) => d.metadata.name === name).spec.template.spec.containers[0].env
    const trust = (name: string) => envOf(name).find((e: Doc) => e.name === 'TRUST_PROXY')?.value
    expect(['gateway', 'api', 'api-queue', 'worker'].map(trust)).toEqual([undefined, '1', '1', undefined])
    const policy = kind('NetworkPolicy').find((p) => p.metadata.name === 'api-from-gateways-only')
    expect(policy.spec.podSelector.matchExpressions[0].values.sort()).toEqual(['api', 'api-queue', 'worker'])
    // The gateway faces the internet: its /metrics and /docs keep the loopback-only default.
    const ops = (name: string) => envOf(name).find((e: Doc) => e.name === 'OPS_ALLOW_FROM')?.value
    expect(['gateway', 'api', 'api-queue', 'worker'].map(ops)).toEqual([
      undefined,
      'uniquelocal',
      'uniquelocal',
      'uniquelocal',
    ])
    expect(policy.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
      'app.kubernetes.io/component': 'gateway',
    })
    if (has('kubectl', ['version', '--client'])) {
      execFileSync('kubectl', ['kustomize', join(DEPLOY, 'k8s')], { stdio: 'pipe' })
    }
  })

  it('every Kubernetes object validates against the Kubernetes API schemas', async () => {
    const validate = async (doc: Doc) => {
      const models = (await import(`kubernetes-models/${doc.apiVersion}`)) as Record<string, new (d: Doc) => Doc>
      const Model = models[doc.kind]
      if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`)
      new Model(doc).validate()
    }
    const files = readdirSync(join(DEPLOY, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    let checked = 0
    for (const f of files)
      for (const doc of parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', f), 'utf8')).map((d) => d.toJS())) {
        if (!doc) continue
        await expect(validate(doc), `${f} ${doc.kind}`).resolves.toBeUndefined()
        checked++
      }
    expect(checked).toBeGreaterThanOrEqual(20)
    // The validator does refuse what the API server would.
    const gateway = parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', 'gateway.yaml'), 'utf8'))[0]!.toJS()
    gateway.spec.replicas = 'two'
    await expect(validate(gateway)).rejects.toThrow(/replicas/)
  })
})
