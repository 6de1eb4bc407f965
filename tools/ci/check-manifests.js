#!/usr/bin/env node
// Offline check of the deployment files (docker/ and k8s/); no cluster, no container engine.
//
//   node tools/ci/check-manifests.js            # exit 0: "manifests: N files, M resources ok"
//
// What it checks:
// - every YAML file under docker/ and k8s/ parses (all documents of a multi-document file);
// - kustomize: each kustomization's resources, components, patch files and generator inputs
//   exist; every YAML file under k8s/ is used by some kustomization; images:/replicas:
//   entries name an image/workload that exists;
// - workloads: every Deployment/StatefulSet container has readiness and liveness probes whose
//   ports exist, every workload container has resource requests and limits; an app's
//   terminationGracePeriodSeconds exceeds its preStop sleep plus SHUTDOWN_GRACE_MS;
// - wiring: every Service selects a workload and each targetPort is one of its container
//   ports, and every container port is some Service's targetPort; HPAs and PDBs point at
//   existing workloads; referenced ConfigMaps/Secrets exist (as resources or generators);
// - docker: compose services' depends_on targets, healthchecks, build files, bind mounts and
//   named volumes; the Dockerfile's stages, COPY sources (present and not dockerignored),
//   non-root USER, HEALTHCHECK, STOPSIGNAL and CMD.
// When `kubectl` is on PATH, every top-level kustomization is also rendered (`kubectl kustomize`) and
// the workload/wiring checks run again on the output, where names carry generator hashes.
// Set HERALD_SKIP_KUSTOMIZE=1 to skip that step.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

let YAML;
try {
  YAML = require('yaml');
} catch {
  process.stderr.write('check-manifests: the `yaml` package is not installed (run npm ci first)\n');
  process.exit(2);
}

const ROOT = path.resolve(__dirname, '..', '..');
const DIRS = ['docker', 'k8s'];
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'CustomResourceDefinition']);

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);
const rel = (p) => path.relative(ROOT, p) || '.';

// ---------------------------------------------------------------------------------------
// Files and parsing

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out.sort();
}

const isYaml = (file) => /\.ya?ml$/.test(file) || path.basename(file) === 'Kustomization';

function parseYaml(text, where) {
  const docs = [];
  for (const doc of YAML.parseAllDocuments(text, { merge: true, prettyErrors: true })) {
    for (const err of doc.errors || []) fail(where, `YAML: ${String(err.message).split('\n')[0]}`);
    if (doc.errors && doc.errors.length) continue;
    const value = typeof doc.toJS === 'function' ? doc.toJS() : doc.toJSON();
    if (value !== null && value !== undefined) docs.push(value);
  }
  return docs;
}

const parsed = new Map(); // absolute file -> documents
function docsOf(file) {
  if (!parsed.has(file)) parsed.set(file, parseYaml(fs.readFileSync(file, 'utf8'), rel(file)));
  return parsed.get(file);
}

function readEnvFile(file) {
  const out = {};
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Kubernetes resource helpers

const asArray = (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function podSpecOf(res) {
  if (res.kind === 'CronJob') return res.spec?.jobTemplate?.spec?.template?.spec;
  if (WORKLOAD_KINDS.has(res.kind)) return res.spec?.template?.spec;
  if (res.kind === 'Pod') return res.spec;
  return undefined;
}

function podLabelsOf(res) {
  if (res.kind === 'CronJob') return res.spec?.jobTemplate?.spec?.template?.metadata?.labels || {};
  return res.spec?.template?.metadata?.labels || {};
}

const containersOf = (spec) => [...asArray(spec?.initContainers), ...asArray(spec?.containers)];
const selectorMatches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const portMatches = (ref, port) =>
  ref !== undefined && (String(ref) === String(port.containerPort) || (port.name !== undefined && ref === port.name));
const id = (res) => `${res.kind}/${res.metadata?.name}`;

function sleepSeconds(container) {
  const cmd = asArray(container.lifecycle?.preStop?.exec?.command).map(String);
  const joined = cmd.join(' ');
  const m = joined.match(/(?:^|\s)sleep\s+(\d+(?:\.\d+)?)/);
  if (m) return Number(m[1]);
  const native = container.lifecycle?.preStop?.sleep?.seconds;
  return typeof native === 'number' ? native : 0;
}

/**
 * Checks one set of resources that are deployed together.
 * ctx.where(res) names a resource in messages; ctx.configNames / ctx.secretNames hold the
 * ConfigMap/Secret names that count as existing (generators, or an out-of-band Secret);
 * ctx.shutdownGraceMs is the largest SHUTDOWN_GRACE_MS in play.
 */
function checkResources(resources, ctx) {
  const workloads = resources.filter((r) => podSpecOf(r));
  const services = resources.filter((r) => r.kind === 'Service');
  const configNames = new Set(ctx.configNames);
  const secretNames = new Set(ctx.secretNames);
  for (const r of resources) {
    if (r.kind === 'ConfigMap') configNames.add(r.metadata?.name);
    if (r.kind === 'Secret') secretNames.add(r.metadata?.name);
  }

  for (const res of resources) {
    const where = ctx.where(res);
    if (!res.apiVersion || !res.kind || !res.metadata?.name) {
      fail(where, 'resource without apiVersion, kind or metadata.name');
      continue;
    }
    if (ctx.requireNamespace && !CLUSTER_SCOPED.has(res.kind) && !res.metadata.namespace) {
      fail(where, `${id(res)} has no namespace`);
    }
  }

  for (const res of workloads) {
    const where = ctx.where(res);
    const spec = podSpecOf(res);
    const containers = asArray(spec.containers);
    if (!containers.length) fail(where, `${id(res)} has no containers`);
    const labels = podLabelsOf(res);
    const matchLabels = res.spec?.selector?.matchLabels;
    if (res.kind !== 'Job' && res.kind !== 'CronJob' && !selectorMatches(matchLabels, labels)) {
      fail(where, `${id(res)} selector.matchLabels does not match its pod template labels`);
    }
    for (const c of containersOf(spec)) {
      const cid = `${id(res)} container ${c.name}`;
      const req = c.resources?.requests || {};
      const lim = c.resources?.limits || {};
      if (!req.cpu || !req.memory) fail(where, `${cid}: resources.requests needs cpu and memory`);
      if (!lim.memory) fail(where, `${cid}: resources.limits needs memory`);
      for (const e of asArray(c.envFrom)) {
        if (e.configMapRef && !configNames.has(e.configMapRef.name)) fail(where, `${cid}: envFrom ConfigMap "${e.configMapRef.name}" does not exist`);
        if (e.secretRef && !e.secretRef.optional && !secretNames.has(e.secretRef.name)) fail(where, `${cid}: envFrom Secret "${e.secretRef.name}" does not exist`);
      }
      for (const e of asArray(c.env)) {
        const s = e.valueFrom?.secretKeyRef;
        const m = e.valueFrom?.configMapKeyRef;
        if (s && !s.optional && !secretNames.has(s.name)) fail(where, `${cid}: env ${e.name} Secret "${s.name}" does not exist`);
        if (m && !m.optional && !configNames.has(m.name)) fail(where, `${cid}: env ${e.name} ConfigMap "${m.name}" does not exist`);
      }
    }
    for (const v of asArray(spec.volumes)) {
      if (v.configMap && !v.configMap.optional && !configNames.has(v.configMap.name)) fail(where, `${id(res)} volume ${v.name}: ConfigMap "${v.configMap.name}" does not exist`);
      if (v.secret && !v.secret.optional && !secretNames.has(v.secret.secretName)) fail(where, `${id(res)} volume ${v.name}: Secret "${v.secret.secretName}" does not exist`);
    }
    if (!LONG_RUNNING_KINDS.has(res.kind)) continue;

    for (const c of containers) {
      const cid = `${id(res)} container ${c.name}`;
      const ports = asArray(c.ports);
      for (const probeName of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const probe = c[probeName];
        if (!probe) {
          if (probeName !== 'startupProbe') fail(where, `${cid}: no ${probeName}`);
          continue;
        }
        const ref = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        if (ref !== undefined && !ports.some((p) => portMatches(ref, p))) {
          fail(where, `${cid}: ${probeName} port "${ref}" is not a container port`);
        }
      }
      // Apps that drain on SIGTERM: the grace period must cover preStop + SHUTDOWN_GRACE_MS.
      const usesHeraldConfig = asArray(c.envFrom).some((e) => /^herald-config(-|$)/.test(e.configMapRef?.name || ''));
      if (usesHeraldConfig) {
        const grace = spec.terminationGracePeriodSeconds ?? 30;
        const needed = sleepSeconds(c) + ctx.shutdownGraceMs / 1000;
        if (!(grace > needed)) {
          fail(where, `${cid}: terminationGracePeriodSeconds ${grace} must exceed preStop ${sleepSeconds(c)} s + SHUTDOWN_GRACE_MS ${ctx.shutdownGraceMs} ms`);
        }
      }
    }

    // Every container port is exposed by some Service that selects this workload.
    for (const c of containers) {
      for (const p of asArray(c.ports)) {
        const exposed = services.some(
          (s) => selectorMatches(s.spec?.selector, labels) && asArray(s.spec?.ports).some((sp) => portMatches(sp.targetPort ?? sp.port, p)),
        );
        if (!exposed) fail(where, `${id(res)} container ${c.name} port ${p.name || p.containerPort} is not the targetPort of any Service`);
      }
    }
  }

  for (const svc of services) {
    const where = ctx.where(svc);
    if (svc.spec?.type === 'ExternalName') continue;
    const selector = svc.spec?.selector;
    const targets = workloads.filter((w) => LONG_RUNNING_KINDS.has(w.kind) && selectorMatches(selector, podLabelsOf(w)));
    if (!targets.length) {
      fail(where, `${id(svc)} selector ${JSON.stringify(selector || {})} matches no Deployment/StatefulSet`);
      continue;
    }
    for (const sp of asArray(svc.spec?.ports)) {
      const target = sp.targetPort ?? sp.port;
      for (const w of targets) {
        const ok = asArray(podSpecOf(w).containers).some((c) => asArray(c.ports).some((p) => portMatches(target, p)));
        if (!ok) fail(where, `${id(svc)} port ${sp.name || sp.port}: targetPort "${target}" is not a container port of ${id(w)}`);
      }
    }
  }

  for (const hpa of resources.filter((r) => r.kind === 'HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef || {};
    if (!workloads.some((w) => w.kind === ref.kind && w.metadata?.name === ref.name)) {
      fail(ctx.where(hpa), `${id(hpa)} scaleTargetRef ${ref.kind}/${ref.name} does not exist`);
    }
    if (!(hpa.spec?.minReplicas >= 1) || !(hpa.spec?.maxReplicas >= hpa.spec?.minReplicas)) {
      fail(ctx.where(hpa), `${id(hpa)} needs 1 <= minReplicas <= maxReplicas`);
    }
  }
  for (const pdb of resources.filter((r) => r.kind === 'PodDisruptionBudget')) {
    const sel = pdb.spec?.selector?.matchLabels;
    if (!workloads.some((w) => LONG_RUNNING_KINDS.has(w.kind) && selectorMatches(sel, podLabelsOf(w)))) {
      fail(ctx.where(pdb), `${id(pdb)} selector matches no workload`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Kustomize (source level)

function kustomizationFileIn(dir) {
  for (const name of KUSTOMIZATION_NAMES) {
    const f = path.join(dir, name);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

const isRemote = (ref) => /^[a-z]+:\/\//i.test(ref) || /^(github\.com|gitlab\.com|git@)/.test(ref);

function checkKustomizations(k8sFiles) {
  const resourceFiles = new Set();
  const patchFiles = new Set();
  const kustFiles = k8sFiles.filter((f) => KUSTOMIZATION_NAMES.includes(path.basename(f)));
  const generatorNames = { ConfigMap: new Set(), Secret: new Set() };
  const imageRefs = []; // { where, name }
  const replicaRefs = [];
  const envFiles = [];
  const kustomizations = [];
  const nestedDirs = new Set(); // kustomization directories that are parts of an enclosing one

  for (const kf of kustFiles) {
    const where = rel(kf);
    const dir = path.dirname(kf);
    const [k] = docsOf(kf);
    if (!k) continue;
    if (!['Kustomization', 'Component'].includes(k.kind || 'Kustomization')) fail(where, `unexpected kind ${k.kind}`);
    kustomizations.push({ file: kf, dir, kind: k.kind || 'Kustomization', k });
    const mustExist = (p, what) => {
      const full = path.resolve(dir, p);
      if (!fs.existsSync(full)) {
        fail(where, `${what} "${p}" does not exist`);
        return undefined;
      }
      return full;
    };

    for (const r of asArray(k.resources).concat(asArray(k.bases))) {
      if (isRemote(r)) continue;
      const full = mustExist(r, 'resource');
      if (!full) continue;
      if (fs.statSync(full).isDirectory()) {
        const sub = kustomizationFileIn(full);
        if (full.startsWith(dir + path.sep)) nestedDirs.add(full);
        if (!sub) fail(where, `resource directory "${r}" has no kustomization.yaml`);
        else if ((docsOf(sub)[0]?.kind || 'Kustomization') !== 'Kustomization') fail(where, `resource "${r}" is a Component; list it under components:`);
      } else resourceFiles.add(full);
    }
    for (const c of asArray(k.components)) {
      if (isRemote(c)) continue;
      const full = mustExist(c, 'component');
      if (!full) continue;
      const sub = fs.statSync(full).isDirectory() ? kustomizationFileIn(full) : undefined;
      if (!sub || docsOf(sub)[0]?.kind !== 'Component') fail(where, `component "${c}" is not a directory with a kind: Component kustomization`);
    }
    for (const p of asArray(k.patches)) {
      if (typeof p === 'string') {
        fail(where, `patches entries need "path:" or "patch:" (got a bare string "${p}")`);
        continue;
      }
      if (p.path) {
        const full = mustExist(p.path, 'patch');
        if (full) patchFiles.add(full);
      } else if (!p.patch) fail(where, 'patch entry without path or patch');
      if (p.patch && /^\s*-\s*op:/m.test(p.patch) && !p.target) fail(where, 'inline JSON6902 patch without target');
    }
    for (const p of asArray(k.patchesStrategicMerge)) {
      if (typeof p === 'string' && !p.includes('\n')) {
        const full = mustExist(p, 'patchesStrategicMerge file');
        if (full) patchFiles.add(full);
      }
    }
    for (const p of asArray(k.patchesJson6902)) {
      if (p.path) {
        const full = mustExist(p.path, 'patchesJson6902 file');
        if (full) patchFiles.add(full);
      }
    }
    for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']]) {
      for (const g of asArray(k[field])) {
        if (!g.name) fail(where, `${field} entry without name`);
        else generatorNames[kind].add(g.name);
        for (const e of asArray(g.envs).concat(asArray(g.env))) {
          const full = mustExist(e, `${field} ${g.name} env file`);
          if (full) envFiles.push(full);
        }
        for (const f of asArray(g.files)) {
          const p = String(f).includes('=') ? String(f).slice(String(f).indexOf('=') + 1) : String(f);
          mustExist(p, `${field} ${g.name} file`);
        }
        if (g.behavior && !['create', 'merge', 'replace'].includes(g.behavior)) fail(where, `${field} ${g.name}: unknown behavior ${g.behavior}`);
      }
    }
    for (const img of asArray(k.images)) imageRefs.push({ where, name: img.name });
    for (const r of asArray(k.replicas)) replicaRefs.push({ where, name: r.name });
  }

  // Every YAML file under k8s/ has a role.
  for (const f of k8sFiles.filter(isYaml)) {
    if (kustFiles.includes(f) || resourceFiles.has(f) || patchFiles.has(f)) continue;
    fail(rel(f), 'not referenced by any kustomization (resources or patches)');
  }

  for (const k of kustomizations) k.nested = nestedDirs.has(k.dir);
  return { resourceFiles, patchFiles, generatorNames, imageRefs, replicaRefs, envFiles, kustomizations };
}

// ---------------------------------------------------------------------------------------
// Docker

function dockerignoreMatcher(file) {
  if (!fs.existsSync(file)) return () => false;
  const rules = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const re = pattern
        .split('/')
        .map((seg) => (seg === '**' ? '(?:.*)' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      return { negate, re: new RegExp(`^${re}$`) };
    });
  // Docker semantics: the last matching rule wins; a path is excluded when it or a parent is.
  return (p) => {
    const parts = p.split('/');
    let excluded = false;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      for (const r of rules) if (r.re.test(prefix)) excluded = !r.negate;
    }
    return excluded;
  };
}

function checkDockerfile(file) {
  const where = rel(file);
  const text = fs.readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const ignored = dockerignoreMatcher(`${file}.dockerignore`);
  const stages = new Set();
  const args = {};
  let user;
  const found = { HEALTHCHECK: false, STOPSIGNAL: false, CMD: false };
  let lastFrom;
  for (const line of lines) {
    const [instr, ...restParts] = line.split(/\s+/);
    const rest = restParts.join(' ');
    const upper = instr.toUpperCase();
    if (upper === 'ARG' && !lastFrom) {
      const [k, v] = rest.split('=');
      args[k] = v;
    }
    if (upper === 'FROM') {
      const m = rest.match(/^(\S+)(?:\s+AS\s+(\S+))?/i);
      lastFrom = m[1].replace(/\$\{(\w+)\}/g, (_, k) => args[k] ?? '');
      if (m[2]) stages.add(m[2]);
      if (!stages.has(m[1]) && !/^node:24-bookworm-slim$/.test(lastFrom)) fail(where, `base image ${lastFrom} is not node:24-bookworm-slim (the current LTS)`);
      user = undefined;
      found.HEALTHCHECK = found.STOPSIGNAL = found.CMD = false;
    }
    if (upper === 'USER') user = rest;
    if (upper in found) found[upper] = true;
    if (upper === 'COPY' || upper === 'ADD') {
      const tokens = rest.split(/\s+/);
      const from = tokens.find((t) => t.startsWith('--from='));
      const paths = tokens.filter((t) => !t.startsWith('--'));
      if (from) {
        const stage = from.slice('--from='.length);
        if (!stages.has(stage)) fail(where, `COPY --from=${stage}: no such stage`);
        continue;
      }
      for (const src of paths.slice(0, -1)) {
        if (src === '.') continue;
        if (!fs.existsSync(path.join(ROOT, src))) fail(where, `COPY source ${src} does not exist`);
        else if (ignored(src)) fail(where, `COPY source ${src} is excluded by ${path.basename(file)}.dockerignore`);
      }
    }
  }
  if (!user || /^(0|root)(:|$)/.test(user)) fail(where, 'final stage must switch to a non-root USER');
  for (const [k, v] of Object.entries(found)) if (!v) fail(where, `final stage has no ${k}`);
  for (const must of ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tools/runtime/register-paths.js']) {
    if (ignored(must)) fail(where, `${must} is excluded by the dockerignore file`);
  }
  return stages;
}

function checkCompose(file, stagesByDockerfile) {
  const where = rel(file);
  const [doc] = docsOf(file);
  if (!doc?.services) {
    fail(where, 'no services');
    return 0;
  }
  const dir = path.dirname(file);
  const services = doc.services;
  const volumes = new Set(Object.keys(doc.volumes || {}));
  for (const [name, svc] of Object.entries(services)) {
    const sw = `${where} service ${name}`;
    if (!svc.image && !svc.build) fail(sw, 'needs image or build');
    if (svc.build) {
      const ctxDir = path.resolve(dir, svc.build.context || '.');
      const dockerfile = path.resolve(ctxDir, svc.build.dockerfile || 'Dockerfile');
      if (!fs.existsSync(ctxDir)) fail(sw, `build context ${svc.build.context} does not exist`);
      if (!fs.existsSync(dockerfile)) fail(sw, `Dockerfile ${svc.build.dockerfile} does not exist`);
      const stages = stagesByDockerfile.get(dockerfile);
      if (svc.build.target && stages && !stages.has(svc.build.target)) fail(sw, `build target ${svc.build.target} is not a stage`);
      const app = svc.build.args?.APP;
      if (app !== undefined && !fs.existsSync(path.join(ROOT, 'apps', app))) fail(sw, `build arg APP=${app}: apps/${app} does not exist`);
    }
    const deps = Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : svc.depends_on || {};
    for (const [dep, opts] of Object.entries(deps)) {
      const target = services[dep];
      if (!target) {
        fail(sw, `depends_on ${dep}: no such service`);
        continue;
      }
      const cond = opts?.condition || 'service_started';
      if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(cond)) fail(sw, `depends_on ${dep}: unknown condition ${cond}`);
      const hasHealth = (target.healthcheck && !target.healthcheck.disable) || !!target.build; // our Dockerfile has a HEALTHCHECK
      if (cond === 'service_healthy' && !hasHealth) fail(sw, `depends_on ${dep} (service_healthy) but ${dep} has no healthcheck`);
      if (cond === 'service_completed_successfully' && target.restart && !['no', '"no"'].includes(String(target.restart))) {
        fail(sw, `depends_on ${dep} (completed) but ${dep} restarts (${target.restart})`);
      }
    }
    for (const v of asArray(svc.volumes)) {
      const source = typeof v === 'string' ? v.split(':')[0] : v.source;
      if (!source) continue;
      if (/^[./~]/.test(source)) {
        if (!fs.existsSync(path.resolve(dir, source))) fail(sw, `bind mount source ${source} does not exist`);
      } else if (!volumes.has(source)) fail(sw, `volume ${source} is not declared under volumes:`);
    }
    const port = svc.environment?.PORT;
    if (port !== undefined) {
      const published = asArray(svc.ports).map((p) => String(typeof p === 'string' ? p.split(':').pop() : p.target));
      if (!published.includes(String(port))) fail(sw, `PORT=${port} is not among its published container ports (${published.join(', ') || 'none'})`);
    }
  }
  return Object.keys(services).length;
}

// ---------------------------------------------------------------------------------------
// Rendering with kubectl (optional)

function kubectlAvailable() {
  if (process.env.HERALD_SKIP_KUSTOMIZE === '1') return false;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function deletedSecrets(kustomization) {
  // Secrets an overlay removes with `$patch: delete` are provided out of band.
  const names = new Set();
  for (const p of asArray(kustomization.k.patches)) {
    const file = p.path ? path.resolve(kustomization.dir, p.path) : undefined;
    const docs = file ? (fs.existsSync(file) ? docsOf(file) : []) : p.patch ? parseYaml(p.patch, rel(kustomization.file)) : [];
    for (const d of docs) if (d && d.kind === 'Secret' && d.$patch === 'delete') names.add(d.metadata?.name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------

function main() {
  const files = DIRS.flatMap((d) => walk(path.join(ROOT, d)));
  const yamlFiles = files.filter(isYaml);
  if (!yamlFiles.length) fail('.', 'no YAML files under docker/ or k8s/');
  for (const f of yamlFiles) docsOf(f); // parse everything first: syntax errors surface for every file

  // Docker
  const stagesByDockerfile = new Map();
  for (const f of files.filter((f) => /(^|\/)Dockerfile$/.test(f))) stagesByDockerfile.set(f, checkDockerfile(f));
  let composeServices = 0;
  for (const f of yamlFiles.filter((f) => /\/docker\/(docker-)?compose[^/]*\.ya?ml$/.test(f))) composeServices += checkCompose(f, stagesByDockerfile);

  // Kubernetes sources
  const k8sFiles = files.filter((f) => f.startsWith(path.join(ROOT, 'k8s') + path.sep));
  const kz = checkKustomizations(k8sFiles);
  const sourceResources = [];
  const origin = new Map();
  for (const f of [...kz.resourceFiles].sort()) {
    for (const d of docsOf(f)) {
      if (typeof d !== 'object' || Array.isArray(d)) {
        fail(rel(f), 'a resource file must hold Kubernetes objects');
        continue;
      }
      origin.set(d, rel(f));
      sourceResources.push(d);
    }
  }
  let shutdownGraceMs = 10000;
  for (const f of kz.envFiles) {
    const v = readEnvFile(f).SHUTDOWN_GRACE_MS;
    if (v !== undefined) shutdownGraceMs = Math.max(shutdownGraceMs, Number(v));
  }
  const externalSecrets = new Set(kz.kustomizations.flatMap((k) => [...deletedSecrets(k)]));
  checkResources(sourceResources, {
    where: (r) => `${origin.get(r)} (${r.kind}/${r.metadata?.name})`,
    configNames: kz.generatorNames.ConfigMap,
    secretNames: new Set([...kz.generatorNames.Secret, ...externalSecrets]),
    shutdownGraceMs,
  });
  const images = new Set();
  const workloadNames = new Set();
  for (const r of sourceResources) {
    const spec = podSpecOf(r);
    if (!spec) continue;
    workloadNames.add(r.metadata?.name);
    for (const c of containersOf(spec)) images.add(String(c.image).replace(/(@.*|:[^/:]*)$/, ''));
  }
  for (const ref of kz.imageRefs) if (!images.has(ref.name)) fail(ref.where, `images: "${ref.name}" is not used by any container`);
  for (const ref of kz.replicaRefs) if (!workloadNames.has(ref.name)) fail(ref.where, `replicas: "${ref.name}" is not a workload`);

  // Rendered output (kubectl kustomize)
  let rendered = 0;
  if (problems.length === 0 && kubectlAvailable()) {
    // Top-level kustomizations only (the base and the overlays): a nested one (base/apps/x)
    // is not meant to be complete on its own.
    for (const k of kz.kustomizations.filter((k) => k.kind === 'Kustomization' && !k.nested)) {
      const where = `kubectl kustomize ${rel(k.dir)}`;
      let out;
      try {
        out = execFileSync('kubectl', ['kustomize', k.dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        fail(where, String(err.stderr || err.message).trim());
        continue;
      }
      const docs = parseYaml(out, where);
      const isOverlay = k.dir.startsWith(path.join(ROOT, 'k8s', 'overlays'));
      checkResources(docs, {
        where: (r) => `${where} (${r.kind}/${r.metadata?.name})`,
        configNames: [],
        secretNames: deletedSecrets(k),
        shutdownGraceMs,
        requireNamespace: isOverlay,
      });
      rendered++;
    }
  }

  if (problems.length) {
    process.stderr.write(`check-manifests: ${problems.length} problem(s)\n`);
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    process.exit(1);
  }
  const note = rendered ? ` (${rendered} kustomizations rendered with kubectl)` : '';
  process.stdout.write(`manifests: ${yamlFiles.length} files, ${sourceResources.length + composeServices} resources ok${note}\n`);
}

main();
