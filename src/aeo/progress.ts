// Progress on stderr (stdout carries only the report): a bar on a terminal, plain lines otherwise
// (one per stage, and every tenth of the way), nothing with --quiet.
import cliProgress from 'cli-progress';
import type { ProgressCallback } from '../audit-engine/report.js';

export interface ProgressReporter {
  onProgress: ProgressCallback;
  stop(): void;
}

const MESSAGE_WIDTH = 48;

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  if (quiet) return { onProgress: () => undefined, stop: () => undefined };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{bar} {percentage}% | {stage} {message}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        stopOnComplete: false,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { stage: 'Starting', message: '' });
    return {
      onProgress: (u) =>
        bar.update(Math.round(u.progress * 100), {
          stage: u.stage,
          message: shorten(u.message ?? '', MESSAGE_WIDTH),
        }),
      stop: () => bar.stop(),
    };
  }
  let stage = '';
  let tenth = -1;
  return {
    onProgress: (u) => {
      const now = Math.floor(u.progress * 10);
      if (u.stage === stage && now === tenth) return;
      stage = u.stage;
      tenth = now;
      const percent = String(Math.round(u.progress * 100)).padStart(3);
      stream.write(`[${percent}%] ${u.stage}${u.message ? ` ${shorten(u.message, 100)}` : ''}\n`);
    },
    stop: () => undefined,
  };
}
