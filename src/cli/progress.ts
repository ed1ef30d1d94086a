// Progress for long command-line work: a cli-progress bar on a terminal, otherwise (CI, pipes,
// log files) one line about every 10 %, on stderr so stdout stays machine-readable.
import { SingleBar } from 'cli-progress';

export interface Progress { update(done: number): void; stop(): void }

export function progressReporter(label: string, unit: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} | eta {eta_formatted}`,
      hideCursor: true,
    });
    bar.start(total, 0);
    return { update: (done) => bar.update(Math.min(done, total)), stop: () => bar.stop() };
  }
  let nextTenth = 1;
  return {
    update(done) {
      if (total <= 0) return;
      const tenth = Math.floor((done / total) * 10);
      if (tenth < nextTenth) return;
      nextTenth = tenth + 1;
      process.stderr.write(`${label}: ${done}/${total} ${unit} (${Math.min(100, Math.round((done / total) * 100))}%)\n`);
    },
    stop() {},
  };
}
