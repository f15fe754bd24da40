// A worker for the pool's tests: echoes the lab as the matrix; spins on { spin: true };
// allocates without end on { hog: true }; answers something that cannot be cloned on { clone: true };
// names its thread on { whoami: true }.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ id, kind, lab: asked }) => {
  let lab = asked;
  if (lab.spin) for (;;) {}
  if (lab.whoami) lab = { threadId };
  if (lab.hog) {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(Math.random()));
  }
  if (lab.clone) {
    parentPort.postMessage({
      id,
      kind,
      sections: { goals: {}, matrix: () => 1, diagnostics: [], machines: [] },
    });
    return;
  }
  if (kind === 'exec') {
    parentPort.postMessage({
      id,
      kind,
      answer: { ok: true, output: JSON.stringify(lab), exitCode: 0, probe: null },
    });
    return;
  }
  parentPort.postMessage({ id, kind, sections: { goals: {}, matrix: lab, diagnostics: [], machines: [] } });
});

parentPort.postMessage({ kind: 'ready' });
