import { runCli } from './program';

/**
 * Resolves once everything written to the stream so far has reached the OS. On Linux a pipe is written
 * asynchronously: what did not fit in the pipe buffer waits in the stream, and exiting before it drains
 * would cut the output (at 64 or 128 KiB) while the exit code still says success.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// A reader that stops early (`| head`) closes the pipe: that is its choice, not a failure to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.destroy();
  });
}

runCli(process.argv.slice(2)).then(async (code) => {
  process.exitCode = code;
  await drained(process.stdout);
  await drained(process.stderr);
  // Exit rather than wait for the event loop: an idle keep-alive socket or timer must not hold the shell.
  process.exit(code);
});
