import crypto from 'node:crypto';
import { ValidationError } from '../errors';

/**
 * Picture login for young pupils: each pupil has an own picture (avatar) to find themselves in their
 * group, and a picture password — a sequence of PICTURE_PASSWORD_LENGTH pictures from a fixed set of 12.
 * Labels in Dutch and English so that screen readers and non-readers' helpers can name them.
 */
export interface Picture {
  readonly id: string;
  readonly emoji: string;
  readonly nl: string;
  readonly en: string;
}

const pictures = (rows: Array<[string, string, string]>): readonly Picture[] =>
  Object.freeze(rows.map(([id, emoji, en]) => Object.freeze({ id, emoji, nl: id, en })));

export const PASSWORD_PICTURES = pictures([
  ['zon', '☀️', 'sun'],
  ['maan', '🌙', 'moon'],
  ['ster', '⭐', 'star'],
  ['boom', '🌳', 'tree'],
  ['bloem', '🌷', 'flower'],
  ['huis', '🏠', 'house'],
  ['auto', '🚗', 'car'],
  ['bal', '⚽', 'ball'],
  ['appel', '🍎', 'apple'],
  ['fiets', '🚲', 'bicycle'],
  ['boot', '⛵', 'boat'],
  ['wolk', '☁️', 'cloud'],
]);

export const AVATARS = pictures([
  ['kat', '🐱', 'cat'],
  ['hond', '🐶', 'dog'],
  ['konijn', '🐰', 'rabbit'],
  ['uil', '🦉', 'owl'],
  ['vos', '🦊', 'fox'],
  ['beer', '🐻', 'bear'],
  ['egel', '🦔', 'hedgehog'],
  ['eend', '🦆', 'duck'],
  ['vis', '🐟', 'fish'],
  ['schildpad', '🐢', 'turtle'],
  ['paard', '🐴', 'horse'],
  ['muis', '🐭', 'mouse'],
  ['leeuw', '🦁', 'lion'],
  ['kikker', '🐸', 'frog'],
  ['olifant', '🐘', 'elephant'],
  ['giraf', '🦒', 'giraffe'],
  ['aap', '🐵', 'monkey'],
  ['pinguin', '🐧', 'penguin'],
  ['vlinder', '🦋', 'butterfly'],
  ['slak', '🐌', 'snail'],
  ['bij', '🐝', 'bee'],
  ['koe', '🐮', 'cow'],
  ['varken', '🐷', 'pig'],
  ['schaap', '🐑', 'sheep'],
  ['kip', '🐔', 'chicken'],
  ['tijger', '🐯', 'tiger'],
  ['panda', '🐼', 'panda'],
  ['koala', '🐨', 'koala'],
  ['octopus', '🐙', 'octopus'],
  ['walvis', '🐳', 'whale'],
  ['dino', '🦕', 'dinosaur'],
  ['eenhoorn', '🦄', 'unicorn'],
]);

export const PICTURE_PASSWORD_LENGTH = 4;

const passwordIds = new Set(PASSWORD_PICTURES.map((p) => p.id));
export const avatarById = (id: string): Picture | undefined => AVATARS.find((a) => a.id === id);

/** Parses a submitted sequence ("zon,boom,vis,ster"); wrong length or unknown pictures → ValidationError. */
export function parsePictureSequence(input: string): string[] {
  const ids = input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length !== PICTURE_PASSWORD_LENGTH) {
    throw new ValidationError(
      `Kies precies ${PICTURE_PASSWORD_LENGTH} plaatjes (je koos er ${ids.length}). / Choose exactly ${PICTURE_PASSWORD_LENGTH} pictures (you chose ${ids.length}).`,
    );
  }
  if (!ids.every((id) => passwordIds.has(id))) throw new ValidationError('Onbekend plaatje. / Unknown picture.');
  return ids;
}

/** The string that is hashed: fixed separator, fixed vocabulary. */
export const pictureSecret = (ids: readonly string[]) => `pictures:${ids.join('-')}`;

export function randomPictureSequence(): string[] {
  return Array.from({ length: PICTURE_PASSWORD_LENGTH }, () => PASSWORD_PICTURES[crypto.randomInt(PASSWORD_PICTURES.length)]!.id);
}

/** A picture nobody else in the group has yet, when one is left; else any. */
export function chooseAvatar(takenInGroup: ReadonlySet<string>): string {
  const free = AVATARS.filter((a) => !takenInGroup.has(a.id));
  const from = free.length ? free : AVATARS;
  return from[crypto.randomInt(from.length)]!.id;
}
