// The deployment files, checked without Docker or a cluster (neither runs here): each parses,
// every Kubernetes object validates against the Kubernetes API's own OpenAPI schema for its kind
// (kubernetes-models ships them, with ajv), objects point at each other correctly (selectors,
// probes, ports, secrets, autoscaling targets), and every variable they set is one the app reads.
// What the schemas cannot say (unknown fields are allowed by them) `kubectl apply
// --dry-run=server` against a cluster would.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { envSchema, SECRET_NAMES } from '../../src/config.js';
import { SENTRY_SETTINGS } from '../../src/infra/sentry.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const K8S = 'deploy/kubernetes';

function parseYaml(file: string): any[] {
  const documents = parseAllDocuments(read(file), { merge: true });
  for (const document of documents) expect(document.errors).toEqual([]);
  return documents.map((document) => document.toJS());
}

/** Every variable the app reads: the schema's, Sentry's, the engines', the health check's. */
const KNOWN_VARIABLES = new Set<string>([
  ...Object.keys(envSchema.shape),
  ...Object.keys(SENTRY_SETTINGS),
  ...SECRET_NAMES.map((name) => `${name}_FILE`),
  'SENTRY_DSN_FILE',
  'HEALTHCHECK_URL',
]);

const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Job: 'batch/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

/** Each kind's model: `new Model(object).validate()` checks it against the API's schema. */
const MODELS: Record<string, new (object: any) => { validate(): void }> = {
  Deployment,
  Service,
  ConfigMap,
  Job,
  PodDisruptionBudget,
  HorizontalPodAutoscaler,
};

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  const kustomization = parseYaml(`${K8S}/kustomization.yaml`)[0];
  const objects = (kustomization.resources as string[]).flatMap((file) => parseYaml(`${K8S}/${file}`));
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const configMap = byKind('ConfigMap').find((object) => object.metadata.name === 'aeo-config');
  const secretKeys = (kustomization.secretGenerator[0].files as string[]).map((entry) => entry.split('=')[0]);
  const workloads = [...byKind('Deployment'), ...byKind('Job')];

  it('lists every manifest of the folder, each of a known kind and apiVersion, named', () => {
    const files = readdirSync(path.join(root, K8S)).filter((file) => file.endsWith('.yaml'));
    expect([...kustomization.resources, 'kustomization.yaml'].sort()).toEqual(files.sort());
    for (const object of objects) {
      expect([object.kind, object.apiVersion]).toEqual([object.kind, API_VERSIONS[object.kind]]);
      expect(object.metadata.name).toMatch(/^[a-z0-9-]+$/);
    }
    expect(
      byKind('Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(['aeo-api', 'aeo-worker']);
  });

  it('every object is valid against the Kubernetes API schema of its kind', () => {
    for (const object of objects) {
      expect(() => new MODELS[object.kind]!(object).validate()).not.toThrow();
    }
    // The validation is real: a wrong type and a missing required field are refused.
    const deployment = structuredClone(byKind('Deployment')[0]);
    deployment.spec.replicas = 'two';
    expect(() => new Deployment(deployment).validate()).toThrow(/replicas must be integer/);
    delete deployment.spec.template.spec.containers;
    expect(() => new Deployment(deployment).validate()).toThrow(/required property/);
  });

  it('Deployments select their own pods, run as non-root with resources and probes', () => {
    for (const deployment of byKind('Deployment')) {
      const labels = deployment.spec.template.metadata.labels;
      expect(labels).toMatchObject(deployment.spec.selector.matchLabels);
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      // The grace period covers the preStop hook and the app's own hard deadline, with a margin.
      const container = pod.containers[0];
      const setting = (name: string) =>
        container.env?.find((variable: any) => variable.name === name)?.value ?? configMap.data[name];
      const deadlineSeconds =
        Number(setting('SHUTDOWN_TIMEOUT_MS') ?? envSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined)) / 1000;
      const preStopSeconds = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStopSeconds + deadlineSeconds + 5);
      for (const container of pod.containers) {
        expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
        });
        const ports = new Map((container.ports as any[]).map((port) => [port.name, port.containerPort]));
        for (const probe of [container.livenessProbe, container.readinessProbe]) {
          expect(['/healthz', '/readyz']).toContain(probe.httpGet.path);
          expect(ports.has(probe.httpGet.port)).toBe(true);
        }
        expect(container.args).toEqual(expect.arrayContaining(['--import', './dist/src/instrument.js']));
      }
    }
    const api = byKind('Deployment').find((d) => d.metadata.name === 'aeo-api');
    expect(api.spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/readyz');
    expect(api.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('the ports the processes listen on are the ones the manifests name', () => {
    const api = byKind('Deployment').find((d) => d.metadata.name === 'aeo-api').spec.template.spec
      .containers[0];
    const worker = byKind('Deployment').find((d) => d.metadata.name === 'aeo-worker').spec.template.spec
      .containers[0];
    const port = (container: any, name: string) =>
      container.ports.find((p: any) => p.name === name).containerPort;
    expect(String(port(api, 'http'))).toBe(api.env.find((e: any) => e.name === 'PORT').value);
    expect(String(port(api, 'metrics'))).toBe(configMap.data.METRICS_PORT);
    expect(String(port(worker, 'http'))).toBe(configMap.data.WORKER_HTTP_PORT);
  });

  it('the Service, budgets and autoscalers target the Deployments that exist', () => {
    const deployments = new Map(byKind('Deployment').map((d) => [d.metadata.name, d]));
    for (const service of byKind('Service')) {
      const target = [...deployments.values()].find((d) =>
        Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
      );
      expect(target?.metadata.name).toBe('aeo-api');
      const ports = target.spec.template.spec.containers[0].ports.map((p: any) => p.name);
      for (const port of service.spec.ports) expect(ports).toContain(port.targetPort);
    }
    expect(byKind('PodDisruptionBudget')).toHaveLength(2);
    for (const budget of byKind('PodDisruptionBudget')) {
      const selected = [...deployments.values()].filter((d) =>
        Object.entries(budget.spec.selector.matchLabels).every(
          ([k, v]) => d.spec.template.metadata.labels[k] === v,
        ),
      );
      expect(selected).toHaveLength(1);
      if (budget.spec.minAvailable !== undefined) {
        expect(budget.spec.minAvailable).toBeLessThan(selected[0].spec.replicas);
      }
    }
    expect(byKind('HorizontalPodAutoscaler')).toHaveLength(2);
    for (const hpa of byKind('HorizontalPodAutoscaler')) {
      const target = deployments.get(hpa.spec.scaleTargetRef.name);
      expect(target?.kind).toBe(hpa.spec.scaleTargetRef.kind);
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(target.spec.replicas);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    }
  });

  it('secrets arrive as files from the generated Secret, never as plain values', () => {
    for (const [name, value] of Object.entries<string>(configMap.data)) {
      expect([name, KNOWN_VARIABLES.has(name)]).toEqual([name, true]);
      expect(SECRET_NAMES as readonly string[]).not.toContain(name);
      if (!name.endsWith('_FILE')) continue;
      const [, mount, key] = /^(.*)\/([^/]+)$/.exec(value)!;
      expect(secretKeys).toContain(key);
      for (const workload of workloads) {
        const pod = workload.spec.template.spec;
        const mounted = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === mount);
        expect(mounted).toBeDefined();
        expect(pod.volumes.find((v: any) => v.name === mounted.name).secret.secretName).toBe(
          kustomization.secretGenerator[0].name,
        );
      }
    }
    for (const workload of workloads) {
      for (const variable of workload.spec.template.spec.containers[0].env ?? []) {
        expect([variable.name, KNOWN_VARIABLES.has(variable.name)]).toEqual([variable.name, true]);
        expect(SECRET_NAMES as readonly string[]).not.toContain(variable.name);
      }
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parseYaml('docker-compose.yml')[0];
  const services = compose.services;

  it('runs a proxy, two API replicas, a worker, PostgreSQL and Redis, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'proxy', 'redis', 'worker']);
    expect(services.api.deploy.replicas).toBe(2);
    for (const name of ['api', 'worker', 'postgres', 'redis', 'proxy']) {
      expect(services[name].healthcheck.test).toEqual(expect.any(Array));
    }
    expect(services.api.healthcheck.test).toEqual(['CMD', 'node', 'scripts/healthcheck.cjs']);
    expect(services.api.environment.HEALTHCHECK_URL).toMatch(/:4000\/readyz$/);
    expect(services.worker.environment.HEALTHCHECK_URL).toBe(
      `http://127.0.0.1:${services.worker.environment.WORKER_HTTP_PORT ?? 9464}/healthz`,
    );
    expect(services.worker.command).toContain('dist/src/worker.js');
    expect(services.api.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(read('deploy/compose/nginx.conf')).toMatch(/server api:4000;/);
  });

  it('sets only variables the app reads, and secrets only as files', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = services[name].environment;
      for (const [variable, value] of Object.entries<string>(env)) {
        expect([variable, KNOWN_VARIABLES.has(variable)]).toEqual([variable, true]);
        expect(SECRET_NAMES.filter((secret) => secret !== 'REDIS_URL') as string[]).not.toContain(variable);
        if (variable.endsWith('_FILE')) {
          expect(services[name].secrets).toContain(value.replace('/run/secrets/', ''));
        }
      }
    }
    for (const secret of Object.values<any>(compose.secrets)) expect(secret.file).toMatch(/^\.\/secrets\//);
    expect(services.postgres.environment.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs production dependencies only, as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/npm run build && npm prune --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^COPY (?!--from=build)/m);
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it('has a HEALTHCHECK and starts with Sentry preloaded, as npm start does', () => {
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "scripts\/healthcheck\.cjs"\]$/m);
    const start = JSON.parse(read('package.json')).scripts.start.replace(/^node /, '');
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(runtime)![1]!)
      .slice(1)
      .join(' ');
    expect(cmd).toBe(start);
  });

  it('copies what the Node version check needs before installing', () => {
    expect(stages[0]).toMatch(
      /COPY package\.json package-lock\.json \.npmrc \.\/\nCOPY scripts \.\/scripts\nRUN npm ci/,
    );
  });
});
