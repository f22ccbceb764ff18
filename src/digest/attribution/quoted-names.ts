import type { QuoteSpan } from "../quote-spans.ts";

/**
 * People the article names only inside quotation marks: `a man who would give his name only as
 * “Perry”`, `a woman who identified herself only as “Sunny”`. After that the name stands in
 * quotation marks wherever the person acts (`“Perry” chimed in: “…”`), so it is a name, not a
 * quotation: the mask keeps it in view and the people index knows the person.
 */
export type QuotedNames = ReadonlyMap<string, "male" | "female" | undefined>;

/** The words that give a name, with the pronoun that says whose (`his name was`). */
// (Not `goes by` or `calls himself`: those give a nickname to someone already named.)
const NAME_GIVEN =
  /\b(?:(his|her) (?:first |last )?name(?: only)?(?: was| is| as|,)?|identified (himself|herself)(?: only)? as)(?: only)?\s*$/iu;

/** One to three capitalised words, as a given name or nickname is written. */
const NAME_TEXT = /^\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,2}$/u;

const GENDER_OF = new Map<string, "male" | "female">([
  ["his", "male"],
  ["himself", "male"],
  ["her", "female"],
  ["herself", "female"],
]);

/** The name a quotation holds, its trailing comma or full stop aside. */
function nameText(span: QuoteSpan): string {
  return span.text.replace(/[,.]$/u, "");
}

/** Every name given in quotation marks in the paragraphs, with the gender its pronoun states. */
export function findQuotedNames(
  paragraphs: readonly string[],
  spansByParagraph: readonly (readonly QuoteSpan[])[],
): QuotedNames {
  const names = new Map<string, "male" | "female" | undefined>();
  paragraphs.forEach((text, paragraph) => {
    for (const span of spansByParagraph[paragraph] ?? []) {
      const name = nameText(span);
      if (!NAME_TEXT.test(name)) continue;
      const given = NAME_GIVEN.exec(text.slice(Math.max(0, span.open - 60), span.open));
      if (!given) continue;
      const pronoun =
        given
          .slice(1)
          .find((g) => g !== undefined)
          ?.toLowerCase() ?? "";
      names.set(name, GENDER_OF.get(pronoun));
    }
  });
  return names;
}

/** Whether a quotation is one of the names given in quotation marks. */
export function isQuotedName(span: QuoteSpan, names: QuotedNames): boolean {
  return names.has(nameText(span));
}
