import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadSecrets } from '../../crypto/secrets';
import { backupTargetOf, createBackup, listBackups, type Progress, pruneBackups, restoreBackup, verifyBackup } from '../../main';
import type { CliContext } from '../context';

const MiB = 1 << 20;

/**
 * Progress of long work on stderr: a bar on a terminal, otherwise a line per 64 MiB (logs of a cron job),
 * and always a last line. stdout stays the command's result (--json).
 */
function progress(ctx: CliContext, label: string): { onProgress: Progress; stop: (ok?: boolean) => void } {
  if (ctx.stderrIsTerminal) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} MiB`, stream: process.stderr },
      Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (done, total) => {
        const t = Math.ceil((total ?? done) / MiB);
        if (!started) bar.start(t, 0);
        started = true;
        bar.setTotal(Math.max(t, 1));
        bar.update(Math.floor(done / MiB));
      },
      stop: () => bar.stop(),
    };
  }
  let reported = 0;
  let last = 0;
  return {
    onProgress: (done, total) => {
      last = done;
      if (done - reported >= 64 * MiB) {
        reported = done;
        ctx.stderr(`${label}: ${(done / MiB).toFixed(0)} MiB${total ? ` / ${(total / MiB).toFixed(0)} MiB` : ''}`);
      }
    },
    stop: (ok = true) => {
      if (ok) ctx.stderr(`${label}: done, ${(last / MiB).toFixed(1)} MiB processed`);
    },
  };
}

/** Recorded in the database backed up (create) or restored into (restore), after the work: never inside the dump itself. */
async function audit(ctx: CliContext, action: string, details: Record<string, unknown>): Promise<void> {
  await ctx.withHub(
    (hub) => hub.db.repositories.audit.record({ actor: ctx.actor(), action, outcome: 'success', targetType: 'backup', details }),
    { requireMigrated: false },
  );
}

/** `backup create|restore|verify|list|prune` (annex B.1.d). */
export function register(program: Command, ctx: CliContext): void {
  const backup = program
    .command('backup')
    .description('encrypted, checksummed backups of the database (PostgreSQL: pg_dump; embedded: the data folder)');

  backup
    .command('create')
    .description('dump the database, encrypted with a key from DATA_ENCRYPTION_KEY, into BACKUP_DIR (with a .sha256 beside it)')
    .option('--out <file>', 'write to this file instead of BACKUP_DIR')
    .action(
      ctx.action(async (o: { out?: string }, cmd: Command) => {
        const config = ctx.config();
        const secrets = await loadSecrets(config);
        const p = progress(ctx, 'back-up / backup');
        try {
          const made = await createBackup(backupTargetOf(config), secrets.keyring, {
            dir: config.backupDir,
            out: o.out,
            onProgress: p.onProgress,
          });
          p.stop();
          await audit(ctx, 'backup.create', { file: made.file, bytes: made.bytes, sha256: made.sha256 });
          ctx.print(cmd, made, `backup written: ${made.file} (${made.bytes} bytes, sha256 ${made.sha256})`);
        } catch (e) {
          p.stop(false);
          throw e;
        }
      }),
    );

  backup
    .command('verify')
    .description('check a backup (checksum and every encrypted part) without restoring it')
    .argument('<file>', 'the backup file')
    .action(
      ctx.action(async (file: string, _o: unknown, cmd: Command) => {
        const secrets = await loadSecrets(ctx.config());
        const header = await verifyBackup(file, secrets.keyring);
        ctx.print(
          cmd,
          { file, ok: true, kind: header.kind, createdAt: header.createdAt },
          `backup ok: ${file} (${header.kind}, ${header.createdAt})`,
        );
      }),
    );

  backup
    .command('restore')
    .description('restore a backup into an EMPTY database (DATABASE_URL, or DATA_DIR when unset); a non-empty one is refused')
    .argument('<file>', 'the backup file')
    .action(
      ctx.action(async (file: string, _o: unknown, cmd: Command) => {
        const config = ctx.config();
        const secrets = await loadSecrets(config);
        const p = progress(ctx, 'terugzetten / restore');
        try {
          const header = await restoreBackup(file, backupTargetOf(config), secrets.keyring, p.onProgress);
          p.stop();
          await audit(ctx, 'backup.restore', { file, backupCreatedAt: header.createdAt });
          ctx.print(
            cmd,
            { file, restored: true, kind: header.kind, createdAt: header.createdAt },
            `restored ${file} (made ${header.createdAt}); run \`leerpoort migrate\` if this version of the hub is newer than the backup`,
          );
        } catch (e) {
          p.stop(false);
          throw e;
        }
      }),
    );

  backup
    .command('list')
    .description('the backups in BACKUP_DIR: when made, size, checksum, when they expire')
    .action(
      ctx.action(async (_o: unknown, cmd: Command) => {
        const config = ctx.config();
        const list = await listBackups(config.backupDir, config.backupRetentionDays);
        ctx.print(
          cmd,
          list,
          list.length === 0
            ? `no backups in ${config.backupDir}`
            : list
                .map((b) =>
                  b.problem
                    ? `${b.file}  unreadable: ${b.problem}`
                    : `${b.file}  ${b.kind}  ${b.createdAt}  ${b.bytes} bytes  checksum ${
                        b.checksumOk === null ? 'missing' : b.checksumOk ? 'ok' : 'MISMATCH'
                      }  expires ${b.expiresAt}`,
                )
                .join('\n'),
        );
      }),
    );

  backup
    .command('prune')
    .description("delete backups older than the data's retention period (LEAVER_GRACE_DAYS, at least one day)")
    .option('--dry-run', 'list only')
    .action(
      ctx.action(async (o: { dryRun?: boolean }, cmd: Command) => {
        const config = ctx.config();
        const r = await pruneBackups(config.backupDir, config.backupRetentionDays, { dryRun: !!o.dryRun });
        ctx.print(
          cmd,
          { ...r, dryRun: !!o.dryRun, retentionDays: config.backupRetentionDays },
          `${o.dryRun ? 'would delete' : 'deleted'} ${r.deleted.length} backup(s) older than ${config.backupRetentionDays} day(s); ${r.kept} kept`,
        );
      }),
    );
}
