/** Runs an external program (ffmpeg, ffprobe, pdftoppm) to its end. */
import { spawn } from 'node:child_process';

/** Runs `program` with `args`; resolves with its stdout, rejects with its stderr's last line. */
export function runProgram(program: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(err.trim().split('\n').at(-1) || `${program} exited with code ${code}`));
    });
  });
}

/** Whether `program` can be run (it answers `versionFlag` with exit code 0). */
export async function canRun(program: string, versionFlag: string): Promise<boolean> {
  try {
    await runProgram(program, [versionFlag]);
    return true;
  } catch {
    return false;
  }
}
