// Reads a V8 .cpuprofile (from `npm run bench:pipeline -- --profile DIR`) and prints the
// functions with the most self time, and the share of time by package, so a profile can be
// read and quoted without a GUI. Time spent loading modules (the process's boot, profiled
// too) is counted apart, so the shares are those of serving requests.
// Usage: node tools/dev/run-built.js bench/profile-top FILE.cpuprofile [--top 25] [--callers NAME]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { say } from './bench-support';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/dist/')) return 'herald';
  return url ? 'other' : '(vm)';
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.includes('node_modules/') ? url.replace(/^.*node_modules\//, '') : url.replace(/^.*\/dist\//, 'dist/').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'}  ${file ? `${file}:${lineNumber + 1}` : ''}`;
}

/** Ids of the nodes called, at any depth, while a module was being loaded. */
function bootNodes(profile: CpuProfile, byId: Map<number, ProfileNode>): Set<number> {
  const boot = new Set<number>();
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const stack = profile.nodes.filter((n) => !children.has(n.id)).map((n) => ({ node: n, booting: false }));
  while (stack.length > 0) {
    const { node, booting } = stack.pop() as { node: ProfileNode; booting: boolean };
    const inBoot = booting || node.callFrame.functionName === 'Module._load';
    if (inBoot) boot.add(node.id);
    for (const c of node.children ?? []) stack.push({ node: byId.get(c) as ProfileNode, booting: inBoot });
  }
  return boot;
}

/** Self time of the functions whose label contains `name`, split by their call chains (3 callers deep). */
function callers(profile: CpuProfile, selfUs: Map<number, number>, name: string, busy: number): void {
  const parent = new Map<number, ProfileNode>();
  profile.nodes.forEach((n) => n.children?.forEach((c) => parent.set(c, n)));
  const chains = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!label(node).includes(name) || !selfUs.get(node.id)) continue;
    const chain: string[] = [];
    for (let p = parent.get(node.id); p && chain.length < 3; p = parent.get(p.id)) chain.push(label(p).trim());
    const key = `${label(node).trim()} <- ${chain.join(' <- ')}`;
    chains.set(key, (chains.get(key) ?? 0) + (selfUs.get(node.id) ?? 0));
  }
  say(`callers of ${name}:`);
  [...chains].sort((a, b) => b[1] - a[1]).slice(0, 12).forEach(([key, us]) => say(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${key}`));
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, callers: { type: 'string' } } });
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const boot = bootNodes(profile, byId);
  const selfUs = new Map<number, number>();
  let bootUs = 0;
  profile.samples.forEach((id, i) => {
    if (boot.has(id)) bootUs += profile.timeDeltas[i] ?? 0;
    else selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url } = (byId.get(id) as ProfileNode).callFrame;
    if (functionName === '(idle)') continue;
    const key = label(byId.get(id) as ProfileNode);
    functions.set(key, (functions.get(key) ?? 0) + us);
    packages.set(where(url), (packages.get(where(url)) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  say(`${((total + bootUs) / 1e6).toFixed(1)} s sampled, ${(bootUs / 1e6).toFixed(1)} s of it loading modules (left out), ${(100 * (idle / total)).toFixed(1)} % of the rest idle; shares below are of busy time`);
  say('top self time:');
  [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)).forEach(([key, us]) => say(`  ${pct(us)}  ${key}`));
  say('by package:');
  [...packages].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([key, us]) => say(`  ${pct(us)}  ${key}`));
  if (values.callers) callers(profile, selfUs, values.callers, busy);
}

main();
