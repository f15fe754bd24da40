import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { loadScenarios, scenarioRoutes } from './scenarioRoutes';

const folder = fileURLToPath(new URL('../../../../scenarios', import.meta.url));

describe('scenario library', () => {
  const app = scenarioRoutes(loadScenarios(folder, silentLogger));

  it('lists every scenario of the repository with its title and size', async () => {
    const list = (await (await app.request('/')).json()) as { id: string; title: string; vms: number }[];
    const nat = list.find((scenario) => scenario.id === 'seed-2-nat');
    expect(nat).toMatchObject({ hypervisor: 'virtualbox', vms: 2, goals: 5 });
    expect(nat?.title).toContain('NAT');
  });

  it('serves one scenario as its lab file, and 404 for an unknown one', async () => {
    const lab = (await (await app.request('/seed-6-internal')).json()) as { format: string };
    expect(lab.format).toBe('vnetlab/1');
    expect((await app.request('/nope')).status).toBe(404);
  });

  it('is empty, not broken, when the folder is missing', () => {
    expect(loadScenarios('/nonexistent', silentLogger).size).toBe(0);
  });
});
