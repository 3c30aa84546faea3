import type { Actor } from '../model';
import type { UnitOfWork } from '../ports';
import type { ChainReport } from './chain';
import type { AuditChainStore, HubSigner } from './ports';

/**
 * The tamper-evident audit trail (security annex B, "onweerlegbaarheid"): sealing (the job inside `serve`
 * and `leerpoort audit seal`), verification (`leerpoort audit verify`) and the purge by age behind a signed
 * checkpoint (the retention run's "audit" step).
 */
export class AuditTrailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: AuditChainStore,
    private readonly signer: HubSigner,
  ) {}

  seal(): Promise<{ sealed: number; head: { seq: string; hash: string } | null }> {
    return this.store.seal((s) => this.signer.sign(s));
  }

  verify(onProgress?: (checked: number, total: number) => void): Promise<ChainReport> {
    return this.store.verify((jws) => this.signer.verify(jws), onProgress);
  }

  /**
   * Purges the entries older than `before`: seals what is pending first — also in a dry run, so its count
   * is the real one; sealing deletes nothing — (so old entries written by the CLI while no hub ran go
   * too), then removes the chain's expired prefix behind a signed checkpoint. The purge
   * itself is audited (and so becomes part of the chain).
   */
  async purge(before: Date, actor: Actor, opts: { dryRun: boolean }): Promise<{ purged: number; checkpoint: string | null }> {
    await this.seal();
    const result = await this.store.purge(
      before,
      (s) => this.signer.sign(s),
      (jws) => this.signer.verify(jws),
      opts,
    );
    if (!opts.dryRun && result.purged > 0)
      await this.uow.run((repos) =>
        repos.audit.record({
          actor,
          action: 'audit.purge',
          outcome: 'success',
          targetType: 'audit_checkpoint',
          targetId: result.checkpoint,
          details: { purged: result.purged, before: before.toISOString() },
        }),
      );
    return result;
  }
}
