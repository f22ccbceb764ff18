import { FEMALE_TITLES, MALE_TITLES } from "../lexicon.ts";
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from "./first-names.ts";
import { genderOfTitles, isGivenName } from "./name-phrase.ts";
import type { Mention, Person } from "./people-types.ts";

/** The people index itself: the people an article names, and where. */
export class PeopleIndex {
  readonly people: Person[] = [];
  readonly mentions: Mention[] = [];
  /** `he`/`she` as a sentence's subject, in reading order: who they continue is a clue. */
  readonly openingPronouns: { paragraph: number; offset: number; gender: "male" | "female" }[] = [];
  /** Words the article writes in lower case somewhere: never a lone surname. */
  readonly commonWords = new Set<string>();
  /** Set once the article is indexed: attributing a quotation never changes who is known. */
  private frozen = false;

  /** Speakers met while attributing, outside the frozen index: this article's only. */
  private readonly transients = new Map<string, Person>();
  private readonly campaigns = new Map<Person, Map<string, Person>>();

  freeze(): this {
    this.frozen = true;
    return this;
  }

  /**
   * A speaker the frozen index does not hold (`the Trump campaign`, a transcript's `HOLT`), made
   * once per name and kind within this article, so the same name twice is the same speaker.
   */
  transientSpeaker(tokens: string[], kind: Person["kind"]): Person {
    const key = `${kind} ${tokens.join(" ")}`;
    let speaker = this.transients.get(key);
    if (!speaker) {
      speaker = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: undefined,
        kind,
      };
      this.transients.set(key, speaker);
    }
    return speaker;
  }

  /** The organisation of this exact name, if the article named it. */
  organisation(name: string): Person | undefined {
    return this.people.find((p) => p.kind === "org" && p.name === name);
  }

  /** The organisation a person owns (`Clinton’s campaign` → `Clinton campaign`), made once. */
  campaignOf(owner: Person, surname: string, noun: string): Person {
    const byNoun = this.campaigns.get(owner) ?? new Map<string, Person>();
    this.campaigns.set(owner, byNoun);
    let org = byNoun.get(noun);
    if (!org) {
      const tokens = [surname, noun];
      org = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: undefined,
        kind: "org",
      };
      byNoun.set(noun, org);
    }
    return org;
  }

  /** Finds a person by a name phrase's tokens: full name, or a lone surname already known. */
  lookup(tokens: readonly string[], gender?: "male" | "female"): Person | undefined {
    const key = tokens.join(" ");
    const exact = this.people.find((p) => p.name === key);
    if (exact) return exact;
    const last = tokens[tokens.length - 1];
    if (tokens.length === 1) {
      // A surname (`Peskov`), or a first name after a title (`Sir Keith` for Sir Keith Joseph).
      // `Mrs. Clinton` with a Bill and a Hillary in the article: the title says which.
      const bySurname = this.people.filter(
        (p) => p.tokens.length > 1 && p.tokens[p.tokens.length - 1] === last,
      );
      // (Never one of the other gender: `Mrs. Clinton` is not Bill, even when Hillary's gender
      // was never stated.)
      const fitting = gender
        ? (bySurname.find((p) => p.gender === gender) ??
          bySurname.find((p) => p.gender === undefined))
        : bySurname[0];
      if (gender && bySurname.length > 0 && !fitting) return undefined;
      if (fitting) return fitting;
      // A first name alone (`Sir Keith`; `Maria said` after `Maria Lopez` in a feature): the one
      // person known by it, never a guess between two.
      // (Only a listed given name, or one after a title: `Lou` in `Lou Jiwei` is a surname,
      // and stands as written.) A family name written first (`Mr. Xi` after `Xi Jinping`): the
      // courtesy title says it is a surname, and the one person whose name opens with it is
      // meant.
      if (last === undefined) return undefined;
      if (!isGivenName(last)) {
        const opening = this.people.filter(
          (p) =>
            p.kind === "person" &&
            p.tokens.length > 1 &&
            (p.roles.size > 0 || gender !== undefined) &&
            p.tokens[0] === last,
        );
        return opening.length === 1 ? opening[0] : undefined;
      }
      const byFirstName = this.people.filter(
        (p) =>
          p.kind === "person" &&
          p.tokens.length > 1 &&
          p.tokens[0] === last &&
          (!gender || p.gender !== (gender === "male" ? "female" : "male")),
      );
      return byFirstName.length === 1 ? byFirstName[0] : undefined;
    }
    return this.people.find(
      (p) =>
        p.tokens[p.tokens.length - 1] === last &&
        (p.tokens.length === 1 || p.tokens[0] === tokens[0]),
    );
  }

  /** Adds a person or merges into the one already known, keeping the fuller name. */
  record(
    tokens: string[],
    roles: string[],
    context: string[],
    kind: Person["kind"] = "person",
  ): Person {
    if (this.frozen) throw new Error("the people index is frozen once the article is indexed");
    // `Mrs. Clinton` after `Bill Clinton`: the title says which Clinton (or a new one).
    let person = this.lookup(tokens, genderOfTitles(roles));
    if (!person) {
      const first = (tokens.length > 1 ? tokens[0] : undefined)?.toLowerCase() ?? "";
      person = {
        name: tokens.join(" "),
        tokens,
        roles: new Set(),
        context: new Set(),
        gender: FEMALE_FIRST_NAMES.has(first)
          ? "female"
          : MALE_FIRST_NAMES.has(first)
            ? "male"
            : undefined,
        kind,
      };
      this.people.push(person);
    } else if (person.tokens.length === 1 && tokens.length > 1) {
      person.tokens = tokens;
      person.name = tokens.join(" ");
    }
    for (const role of roles) {
      person.roles.add(role);
      if (FEMALE_TITLES.has(role)) person.gender = "female";
      if (MALE_TITLES.has(role)) person.gender = "male";
    }
    for (const word of context) person.context.add(word);
    return person;
  }

  /** Mentions before a position, newest first, of people a `he`/`she` of `gender` can be. */
  *mentionsBefore(
    paragraph: number,
    offset: number,
    gender?: "male" | "female",
  ): Generator<Mention> {
    for (let i = countBefore(this.mentions, paragraph, offset) - 1; i >= 0; i--) {
      const m = this.mentions[i] as Mention;
      if (gender && !compatible(m.person, gender)) continue;
      yield m;
    }
  }
}

/**
 * How many of `items` (in reading order) stand before the position: a binary search, so a
 * look back from a quotation late in a 5 MB article does not walk every later mention.
 */
export function countBefore(
  items: readonly { paragraph: number; offset: number }[],
  paragraph: number,
  offset: number,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const m = items[mid] as { paragraph: number; offset: number };
    if (m.paragraph < paragraph || (m.paragraph === paragraph && m.offset < offset)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether `he`/`she` can stand for this person: never an organisation or the other gender. */
export function compatible(person: Person, gender: "male" | "female"): boolean {
  return person.kind === "person" && (person.gender === undefined || person.gender === gender);
}
