import { expect } from 'chai';
import { orderTiles } from '../../src/domain/licensing/portal-order';

const tiles = ['Taal', 'Rekenen', 'Aardrijkskunde', 'Lezen'].map((name) => ({ id: name.toLowerCase(), name }));
const names = (t: Array<{ name: string }>) => t.map((x) => x.name);

describe('portal tile order (domain rule)', () => {
  it('no school order, no use: by name (Dutch collation)', () => {
    expect(names(orderTiles(tiles, new Map(), new Map()))).to.deep.equal(['Aardrijkskunde', 'Lezen', 'Rekenen', 'Taal']);
  });

  it('by the person’s launches, most first; ties by name', () => {
    const launches = new Map([
      ['lezen', 3],
      ['taal', 7],
      ['rekenen', 3],
    ]);
    expect(names(orderTiles(tiles, new Map(), launches))).to.deep.equal(['Taal', 'Lezen', 'Rekenen', 'Aardrijkskunde']);
  });

  it('the school’s order comes first, whatever the use; the rest by use', () => {
    const school = new Map([
      ['rekenen', 0],
      ['aardrijkskunde', 1],
    ]);
    const launches = new Map([
      ['taal', 50],
      ['lezen', 2],
    ]);
    expect(names(orderTiles(tiles, school, launches))).to.deep.equal(['Rekenen', 'Aardrijkskunde', 'Taal', 'Lezen']);
    // the input is not changed
    expect(names(tiles)).to.deep.equal(['Taal', 'Rekenen', 'Aardrijkskunde', 'Lezen']);
  });
});
