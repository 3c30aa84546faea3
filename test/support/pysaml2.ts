import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const PYSAML2_DRIVER = path.resolve(__dirname, '../../../test/fixtures/pysaml2_sp.py');

/** Debian's python3 (the one that sees python3-pysaml2), when pysaml2 and xmlsec1 are installed. */
export function pysaml2Available(): boolean {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import saml2.client'], { stdio: 'ignore' });
  return r.status === 0;
}

/** A pysaml2 SP in a child process, spoken to with one JSON line per command. */
export class Pysaml2Sp {
  private child: ChildProcessWithoutNullStreams;
  private lines: readline.Interface;
  private waiting: Array<(line: string) => void> = [];
  private stderr = '';

  constructor() {
    this.child = spawn('/usr/bin/python3', [PYSAML2_DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.lines = readline.createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  async call<T = Record<string, unknown>>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const line = await new Promise<string>((resolve, reject) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${JSON.stringify({ cmd, ...args })}\n`, (e) => e && reject(e));
      this.child.once('exit', () => reject(new Error(`pysaml2 driver exited:\n${this.stderr}`)));
    });
    const out = JSON.parse(line) as T & { error?: string; trace?: string };
    if (out.error) throw new Error(`pysaml2 ${cmd}: ${out.error}\n${out.trace ?? ''}`);
    return out;
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
