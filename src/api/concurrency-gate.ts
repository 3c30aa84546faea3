/**
 * At most `max` pieces of expensive work at once in this process, with a short queue; beyond that the
 * caller is turned away at once (429) instead of piling up. Keeps a flood of unauthenticated requests
 * that each cost an argon2id verification from taking every hashing thread from real logins.
 */
import type { PasswordHasher } from '../domain/identity/ports';

/** A hasher whose verifications pass through `gate`; a verification turned away counts as a wrong secret. */
export function gatedVerifier(hasher: PasswordHasher, gate: ConcurrencyGate): PasswordHasher {
  return {
    hash: (password) => hasher.hash(password),
    verify: async (storedHash, password) => (await gate.run(() => hasher.verify(storedHash, password)))?.value ?? false,
  };
}

export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `work` when a slot is free; null (without running it) when the gate and its queue are full. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.active >= this.max) {
      if (this.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return { value: await work() };
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.active--;
    }
  }
}
