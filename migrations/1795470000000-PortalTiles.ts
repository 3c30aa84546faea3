import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Mijn Leerpoort" as tiles: the order the school sets for its products (management screen), and how
 * often a person launched each product from the portal (their own tiles come first). The counts are
 * the person's data: they go with the person (ON DELETE CASCADE) and hold nothing but a number and a time.
 */
export class PortalTiles1795470000000 implements MigrationInterface {
  name = 'PortalTiles1795470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE school_product_order (
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      position integer NOT NULL CONSTRAINT school_product_order_position_valid CHECK (position >= 0),
      PRIMARY KEY (school_id, product_id),
      CONSTRAINT school_product_order_position_unique UNIQUE (school_id, position)
    )`);
    await q.query(`CREATE TABLE product_launch_counts (
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      launches integer NOT NULL CONSTRAINT product_launch_counts_positive CHECK (launches > 0),
      last_launched_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, product_id)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE product_launch_counts');
    await q.query('DROP TABLE school_product_order');
  }
}
