import { randomUUID } from 'node:crypto';
import type { HubSigner } from '../audit/ports';
import { ValidationError } from '../errors';
import { findSchoolByBrin } from '../identity/school.service';
import type { Actor, School } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { type DestructionCertificate, signCertificate } from './destruction-certificate';

export interface DestroyedSchool {
  readonly brin: string;
  readonly people: number;
  readonly certificateId: string;
  readonly tables: Readonly<Record<string, number>>;
  /** Delegates the certificate was mailed to. */
  readonly mailed: number;
}

const KEPT =
  'Kept as the hub’s proof: the release ledger (counts per participant, no names, purged after the retention period), the audit trail ' +
  '(hub ids, no names, purged after the retention period) and this certificate.';

/**
 * DPA art. 12: a school's data is destroyed when its notice ends (the retention job runs at least hourly,
 * far within the 4 weeks the agreement allows), or at once on the school's written request. Each
 * destruction is one transaction: the counts per table, the deletion, a destruction certificate signed
 * with the hub's key (stored, and mailed to the school's delegates through the outbox — their addresses
 * are read before they are destroyed), and the audit entry.
 */
export class SchoolDestructionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly signer: HubSigner,
    private readonly issuer: string,
  ) {}

  /** Schools whose notice has ended. */
  async destroyDue(actor: Actor, opts: { dryRun?: boolean; now?: Date } = {}): Promise<DestroyedSchool[]> {
    const now = opts.now ?? new Date();
    const due = await this.uow.run((repos) => repos.agreements.dueForDestruction(now));
    const out: DestroyedSchool[] = [];
    for (const { id } of due) {
      const result = await this.uow.run(async (tx) => {
        const school = await tx.schools.findById(id);
        if (school?.status !== 'terminating') return null; // destroyed meanwhile by another run
        if (opts.dryRun) {
          const tables = await tx.retention.countSchoolRows(id);
          return { brin: brinOf(school), people: tables.people ?? 0, certificateId: '', tables, mailed: 0 };
        }
        return this.destroy(tx, school, actor, now, null);
      });
      if (result) out.push(result);
    }
    return out;
  }

  /** The school's written request: its data is destroyed now, whatever its notice (the request is recorded in the audit and on the certificate). */
  async destroyOnRequest(
    brin: string,
    request: { reference: string; receivedAt: Date },
    actor: Actor,
    now = new Date(),
  ): Promise<DestroyedSchool> {
    const reference = request.reference.trim();
    if (!/^[\p{L}\p{N} ._/#:-]{3,100}$/u.test(reference))
      throw new ValidationError('the request reference must be 3–100 letters, digits, spaces or . _ / # : -');
    if (request.receivedAt.getTime() > now.getTime()) throw new ValidationError('the request cannot have been received in the future');
    return this.uow.run(async (tx) => {
      const school = await findSchoolByBrin(tx, brin);
      await tx.audit.record({
        actor,
        action: 'school.destruction_request',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
        details: { reference, receivedAt: request.receivedAt.toISOString() },
      });
      return this.destroy(tx, school, actor, now, { reference, receivedAt: request.receivedAt.toISOString() });
    });
  }

  private async destroy(
    tx: Repositories,
    school: School,
    actor: Actor,
    now: Date,
    writtenRequest: DestructionCertificate['writtenRequest'],
  ): Promise<DestroyedSchool> {
    const delegates = (await tx.people.listBySchool(school.id))
      .filter((p) => p.role === 'delegate' && p.status === 'active' && p.staffEmail)
      .map((p) => p.staffEmail!);
    const termination = await tx.agreements.termination(school.id);
    const tables = await tx.retention.countSchoolRows(school.id);
    await tx.agreements.destroySchool(school.id);
    const certificate: DestructionCertificate = {
      type: 'leerpoort-destruction-certificate',
      version: 1,
      id: randomUUID(),
      issuer: this.issuer,
      school: { id: school.id, brin: brinOf(school), name: school.name },
      reason: writtenRequest ? 'written-request' : 'notice-ended',
      terminationRequestedAt: termination?.requestedAt.toISOString() ?? null,
      destructionDueAt: termination?.destructionDueAt.toISOString() ?? null,
      writtenRequest,
      destroyedAt: now.toISOString(),
      tables,
      totalRows: Object.values(tables).reduce((a, b) => a + b, 0),
      kept: KEPT,
    };
    const document = await signCertificate(certificate, this.signer);
    await tx.retention.saveCertificate({
      id: certificate.id,
      schoolId: school.id,
      brin: certificate.school.brin,
      destroyedAt: now,
      document,
    });
    for (const to of delegates)
      await tx.outbox.add({
        to,
        subject: `Leerpoort: vernietigingsverklaring ${certificate.school.brin} / destruction certificate`,
        body: mailBody(certificate, document),
      });
    await tx.audit.record({
      actor,
      action: 'school.destroy',
      outcome: 'success',
      schoolId: school.id,
      targetType: 'school',
      targetId: school.id,
      details: {
        brin: certificate.school.brin,
        people: tables.people ?? 0,
        reason: writtenRequest ? 'written request' : 'agreement terminated',
        certificateId: certificate.id,
        totalRows: certificate.totalRows,
        delegatesMailed: delegates.length,
      },
    });
    return { brin: certificate.school.brin, people: tables.people ?? 0, certificateId: certificate.id, tables, mailed: delegates.length };
  }
}

const brinOf = (s: School) => s.brin + (s.dependanceCode === '00' ? '' : s.dependanceCode);

function mailBody(c: DestructionCertificate, document: string): string {
  return [
    `Alle gegevens van ${c.school.name} (${c.school.brin}) in Leerpoort zijn op ${c.destroyedAt} vernietigd (${c.totalRows} rijen). ` +
      'Hieronder staat de vernietigingsverklaring, ondertekend met de sleutel van Leerpoort. Bewaar hem als bestand (.json); ' +
      'controleren kan met `leerpoort retention verify-certificate <bestand>` of met elke JOSE-bibliotheek en het certificaat uit de metadata van Leerpoort.',
    '',
    `All data of ${c.school.name} (${c.school.brin}) in Leerpoort was destroyed at ${c.destroyedAt} (${c.totalRows} rows). ` +
      'Below is the destruction certificate, signed with Leerpoort’s key. Keep it as a file (.json); verify it with ' +
      '`leerpoort retention verify-certificate <file>` or any JOSE library and the certificate from Leerpoort’s metadata.',
    '',
    document,
  ].join('\n');
}
