const start = performance.now();

/** Progress goes to stderr, so that stdout carries only the report (or the one JSON document). */
export function progress(message: string): void {
  const seconds = ((performance.now() - start) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds} s] ${message}\n`);
}
