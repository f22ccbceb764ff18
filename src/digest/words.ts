import { ABBREVIATIONS } from "./lexicon.ts";
import type { Pos, TagTable } from "./nlp/tagger.ts";

/** A word of a paragraph with its position, so rules can map findings back to the text. */
export interface Word {
  /** The word without surrounding punctuation (a possessive `’s` is dropped too). */
  text: string;
  /** `text` lower-cased, for list look-ups. */
  lower: string;
  /** Offset of the word's first character in the paragraph. */
  start: number;
  /** Offset just past the word, trailing punctuation included. */
  end: number;
  /** Punctuation that followed the word (`,` `.` `:` …), empty when none. */
  trail: string;
  /** Punctuation that preceded the word (`(` …), empty when none. */
  lead: string;
  /** Part of speech, when the paragraph was tagged (see `withTags`). */
  pos?: Pos;
  /** Lower-case base form, when the paragraph was tagged. */
  lemma?: string;
}

const WORD = /\S+/gu;
const LEADING_PUNCT = /^[^\p{L}\p{N}]+/u;
const TRAILING_PUNCT = /[^\p{L}\p{N}.]+$|(?<![\p{L}]\.\p{L})\.+$/u;

/** Splits text into words, keeping offsets. Quotation interiors are blanked out before this. */
export function toWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const lead = LEADING_PUNCT.exec(raw)?.[0] ?? "";
    let body = raw.slice(lead.length);
    let trail = "";
    const trailMatch = TRAILING_PUNCT.exec(body);
    if (trailMatch) {
      trail = body.slice(trailMatch.index);
      body = body.slice(0, trailMatch.index);
    }
    // An abbreviation (`Sen.`) or an initial (`J.`) keeps its full stop: it is part of the word.
    if (trail.startsWith(".") && isAbbreviation(body)) {
      body += ".";
      trail = trail.slice(1);
    }
    const possessive = /[’']s$/u.exec(body);
    if (possessive && body.length > 2) {
      trail = `${body.slice(possessive.index)}${trail}`;
      body = body.slice(0, possessive.index);
    }
    if (body === "") {
      // `on “Morning Joe,” calling it …`: a comma left where a blanked quotation closed is the
      // sentence's, so it goes to the word before (other lone marks, dashes, stay dropped).
      const previous = words[words.length - 1];
      if (raw === "," && previous && /^([’']s?)?$/u.test(previous.trail)) previous.trail += ",";
      continue;
    }
    words.push({
      text: body,
      lower: body.toLowerCase(),
      start: (match.index ?? 0) + lead.length,
      end: (match.index ?? 0) + raw.length,
      trail,
      lead,
    });
  }
  return words;
}

/**
 * The words with the part of speech and lemma the tagger gave the token that starts where each
 * word starts (offsets in the tagged paragraph). A word the tagger split differently stays
 * untagged, and the rules read it by its form.
 */
export function withTags(words: Word[], tags: TagTable): Word[] {
  if (tags.size === 0) return words;
  for (const word of words) {
    const tag = tags.get(word.start);
    if (tag) {
      word.pos = tag.pos;
      word.lemma = tag.lemma;
    }
  }
  return words;
}

function isAbbreviation(body: string): boolean {
  return (
    /^\p{Lu}$/u.test(body) ||
    /^(\p{Lu}\.)+\p{Lu}$/u.test(body) ||
    ABBREVIATIONS.has(body.toLowerCase())
  );
}

/** True when the word ends its sentence (`.`, `!`, `?`, possibly inside a closing bracket). */
export function endsSentence(word: Word): boolean {
  return /[.!?]/u.test(word.trail);
}

/**
 * How far sentence look-ups reach. A sentence longer than this is cut there, which keeps the
 * work per quotation constant on a pathological paragraph (a 5 MB article with no full stop).
 */
const SENTENCE_REACH = 1500;

/**
 * A full stop standing alone, as it does after a blanked-out quotation (`was “…”. Opposition`):
 * toWords drops it with no word to carry it, but it ends the sentence all the same.
 */
const LONE_SENTENCE_END = /(?<=\s|^)[.!?]+[”"’)]*(?=\s|$)/gu;

/** Offset where the sentence holding `position` starts. */
export function sentenceStart(text: string, position: number): number {
  const from = Math.max(0, position - SENTENCE_REACH);
  const slice = text.slice(from, position);
  let start = from;
  const before = toWords(slice);
  for (let i = before.length - 1; i >= 0; i--) {
    const word = before[i];
    if (word && endsSentence(word)) {
      start = from + word.end;
      break;
    }
  }
  for (const lone of slice.matchAll(LONE_SENTENCE_END))
    start = Math.max(start, from + (lone.index ?? 0) + lone[0].length);
  return start;
}

/** Offset just past the sentence holding `position` (the paragraph's end when it never ends). */
export function sentenceEnd(text: string, position: number): number {
  const to = Math.min(text.length, position + SENTENCE_REACH);
  const slice = text.slice(position, to);
  let end = to;
  for (const word of toWords(slice)) {
    if (endsSentence(word)) {
      end = position + word.end;
      break;
    }
  }
  const lone = LONE_SENTENCE_END.exec(slice);
  LONE_SENTENCE_END.lastIndex = 0;
  if (lone) end = Math.min(end, position + lone.index + lone[0].length);
  return end;
}

/** Whether a word begins with a capital letter. */
export function isCapitalised(word: Word): boolean {
  return /^\p{Lu}/u.test(word.text);
}
