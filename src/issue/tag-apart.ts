import { Worker } from "node:worker_threads";
import { REPORTING_VERBS } from "../digest/lexicon.ts";
import {
  NO_TAGS,
  type RawTokens,
  readable,
  TAGGED_WORDS_PER_ARTICLE,
  type TagTable,
  tableOf,
  tagParagraphs,
  toTag,
} from "../digest/nlp/tagger.ts";

/**
 * The tagger's model takes ~0.1 s to load, as long as the rest of a cold `digest`. A command
 * that will digest starts loading it on a second thread at once (`warmTagger`), while this one
 * loads the command and reads the article; the first article is then tagged there. Any later
 * one, or one with no warm thread, is tagged in this thread, where the model stays loaded.
 */

/**
 * The worker: loads the model, reads the texts it is sent, replies with the tokens, exits. Plain
 * JavaScript, what `readTokens` does, because a worker thread cannot load the TypeScript module
 * when the CLI runs its sources through tsx (registered in the main thread only).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const load = require("node:module").createRequire(workerData.from);
const nlp = load("wink-nlp")(load("wink-eng-lite-web-model"), ["pos"]);
const its = nlp.its;
parentPort.once("message", (texts) => {
  parentPort.postMessage(texts.map((text) => {
    if (text === null) return null;
    const tokens = nlp.readDoc(text).tokens();
    return {
      values: tokens.out(its.value),
      pos: tokens.out(its.pos),
      lemmas: tokens.out(its.lemma),
      spaces: tokens.out(its.precedingSpaces),
    };
  }));
});
`;

let warm: Worker | undefined;

/** Starts loading the model on a second thread; it never keeps the process alive. */
export function warmTagger(): void {
  if (warm) return;
  try {
    warm = new Worker(WORKER_SOURCE, { eval: true, workerData: { from: import.meta.url } });
    warm.unref();
    // A thread that fails is no loss: the article is tagged here instead.
    warm.on("error", () => {});
  } catch {
    warm = undefined;
  }
}

/**
 * Tags each paragraph, up to the article's word budget: on the warm thread when one was
 * started (and then stopped), else here. Same model, same tags either way.
 */
export async function tagParagraphsSoon(
  paragraphs: readonly string[],
  budget = TAGGED_WORDS_PER_ARTICLE,
): Promise<TagTable[]> {
  // (The reporting verbs, as `explainQuotes` tags for itself.)
  const verbs = REPORTING_VERBS;
  const worker = warm;
  warm = undefined;
  if (!worker) return tagParagraphs(paragraphs, verbs, budget);
  const wanted = toTag(paragraphs, budget);
  const read = await new Promise<Array<RawTokens | null> | undefined>((resolve) => {
    worker.once("message", resolve);
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
    // (Held alive while it answers: this thread may have nothing else to wait on.)
    worker.ref();
    worker.postMessage(paragraphs.map((text, i) => (wanted[i] ? readable(text) : null)));
  });
  void worker.terminate();
  if (!read) return tagParagraphs(paragraphs, verbs, budget);
  return paragraphs.map((text, i) => {
    const tokens = read[i];
    return tokens ? tableOf(text, tokens, verbs) : NO_TAGS;
  });
}
