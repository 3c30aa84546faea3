import type { EntityManager } from 'typeorm';
import type { ImportUploadRepository } from '../../domain/roster/ports';
import { fieldCipher } from '../field-encryption';
import { isUuid } from '../../domain/ids';
import { affectedRows } from './sql';

export class TypeOrmImportUploadRepository implements ImportUploadRepository {
  constructor(private readonly em: EntityManager) {}

  async store(u: {
    schoolId: string;
    uploadedBy: string;
    format: 'edexml' | 'csv';
    fileName: string;
    contents: Buffer;
    expiresAt: Date;
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.em.query(
      'INSERT INTO import_uploads (school_id, uploaded_by, format, file_name, contents_enc, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [
        u.schoolId,
        u.uploadedBy,
        u.format,
        u.fileName.slice(0, 200),
        fieldCipher().encrypt(u.contents.toString('base64'), 'import_uploads.contents'),
        u.expiresAt,
      ],
    );
    return rows[0]!.id;
  }

  async find(id: string, schoolId: string, now: Date): Promise<{ format: 'edexml' | 'csv'; fileName: string; contents: Buffer } | null> {
    if (!isUuid(id)) return null;
    const rows: Array<{ format: 'edexml' | 'csv'; file_name: string; contents_enc: string }> = await this.em.query(
      'SELECT format, file_name, contents_enc FROM import_uploads WHERE id = $1 AND school_id = $2 AND expires_at > $3',
      [id, schoolId, now],
    );
    const r = rows[0];
    return r
      ? {
          format: r.format,
          fileName: r.file_name,
          contents: Buffer.from(fieldCipher().decrypt(r.contents_enc, 'import_uploads.contents'), 'base64'),
        }
      : null;
  }

  async remove(id: string): Promise<void> {
    await this.em.query('DELETE FROM import_uploads WHERE id = $1', [id]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const affected = await affectedRows(this.em, 'DELETE FROM import_uploads WHERE expires_at <= $1', [now]);
    return affected;
  }
}
