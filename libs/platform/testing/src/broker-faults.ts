// Fault injection on the local RabbitMQ: closes connections from the broker side (what a
// broker restart or a network cut looks like to the app), selected by connection name.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function closeBrokerConnections(namePrefix: string): Promise<number> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties']);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(`"${namePrefix}`) || line.includes(`,${namePrefix}`) || line.includes(namePrefix))
    .map((line) => line.split('\t')[0])
    .filter((pid) => pid.startsWith('<'));
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, 'herald test: simulated broker failure']);
  return pids.length;
}
