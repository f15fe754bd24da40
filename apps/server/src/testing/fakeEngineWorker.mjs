// A worker for the pool's tests: echoes the lab as the matrix; spins on { spin: true }.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, lab }) => {
  if (lab.spin) for (;;) {}
  parentPort.postMessage({ id, sections: { goals: {}, matrix: lab, diagnostics: [], machines: [] } });
});
