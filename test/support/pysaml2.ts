import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const PYSAML2_DRIVER = path.resolve(__dirname, '../../../test/fixtures/pysaml2_sp.py');
export const PYSAML2_IDP_DRIVER = path.resolve(__dirname, '../../../test/fixtures/pysaml2_idp.py');

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

  constructor(driver = PYSAML2_DRIVER) {
    this.child = spawn('/usr/bin/python3', [driver], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.lines = readline.createInterface({ input: this.child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  async call<T = Record<string, unknown>>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    let onExit: (() => void) | undefined;
    const line = await new Promise<string>((resolve, reject) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${JSON.stringify({ cmd, ...args })}\n`, (e) => e && reject(e));
      onExit = () => reject(new Error(`pysaml2 driver exited:\n${this.stderr}`));
      this.child.once('exit', onExit);
    }).finally(() => onExit && this.child.off('exit', onExit));
    const out = JSON.parse(line) as T & { error?: string; trace?: string };
    if (out.error) throw new Error(`pysaml2 ${cmd}: ${out.error}\n${out.trace ?? ''}`);
    return out;
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

/** A pysaml2 identity provider (a school's own IdP in the upstream-login tests), same protocol. */
export class Pysaml2Idp extends Pysaml2Sp {
  constructor() {
    super(PYSAML2_IDP_DRIVER);
  }
}
