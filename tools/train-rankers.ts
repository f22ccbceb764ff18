/**
 * `npm run train -- [TRAIN_DIR]`: learns both rankers' weights from PolNeAR train (default
 * `../shared/eval/polnear/train`) and writes `src/digest/attribution/pronoun-weights.ts` and
 * `speaker-weights.ts`. Dev is never read.
 *
 * The two depend on each other (which quotation a `he` continues depends on the speakers chosen
 * before it; the speaker ranker weighs the pronoun ranker's probabilities), so both start from
 * fixed hand-set weights and are fitted in turn for a few rounds, each round reading the
 * articles with the weights of the round before. Then, by cross-validation with one fold per
 * outlet (a newsroom held out whole), the speaker ranker's L2 penalty is chosen (held-out
 * log-likelihood) and the key-quote threshold is read off the held-out reliability table: the
 * lowest confidence above which the top candidate is the gold speaker at least 98 % of the
 * time. Deterministic: the same data gives the same two files, to the last digit, whatever the
 * committed files held.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PRONOUN_WEIGHTS } from "../src/digest/attribution/pronoun-weights.ts";
import { SPEAKER_WEIGHTS } from "../src/digest/attribution/speaker-weights.ts";
import { DEFAULT_FIT, fitRanker, logLikelihood, type RankingExample } from "./eval/fit-ranker.ts";
import { formatTable, type Judged, reliabilityTable, thresholdFor } from "./eval/reliability.ts";
import { articleNames, matchedQuotes, weightsSource } from "./training/gold.ts";
import {
  asPronounWeights,
  PRONOUN_DIMENSIONS,
  PRONOUN_START,
  pronounExamples,
} from "./training/pronouns.ts";
import {
  asSpeakerWeights,
  crossValidate,
  SPEAKER_DIMENSIONS,
  SPEAKER_START,
  speakerExamples,
} from "./training/speakers.ts";

const ROUNDS = 3;
const L2_CHOICES = [0.0005, 0.002];
const KEY_PRECISION = 0.98;
const HERE = path.join(import.meta.dirname, "..", "src", "digest", "attribution");
const say = (line: string) => process.stdout.write(`${line}\n`);

const [trainDir = "../shared/eval/polnear/train"] = process.argv.slice(2);
Object.assign(PRONOUN_WEIGHTS, structuredClone(PRONOUN_START));
Object.assign(SPEAKER_WEIGHTS, structuredClone(SPEAKER_START));
let speakerByArticle: RankingExample[][] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const pronouns = pronounExamples(matchedQuotes(trainDir).flat());
  const wp = fitRanker(pronouns, PRONOUN_DIMENSIONS);
  Object.assign(PRONOUN_WEIGHTS, asPronounWeights(wp));
  speakerByArticle = matchedQuotes(trainDir).map(speakerExamples);
  const speakers = speakerByArticle.flat();
  const ws = fitRanker(speakers, SPEAKER_DIMENSIONS, {
    ...DEFAULT_FIT,
    l2: L2_CHOICES[0] as number,
  });
  Object.assign(SPEAKER_WEIGHTS, asSpeakerWeights(ws));
  say(
    `round ${round}: ${pronouns.length} pronouns (log-likelihood ${logLikelihood(pronouns, wp).toFixed(4)}), ${speakers.length} quotations (${logLikelihood(speakers, ws).toFixed(4)})`,
  );
}
// One fold per outlet (the name's prefix: `nyt_…`): the held-out figures are for a newsroom
// the weights never saw, as the digest's articles will be.
const outlets = articleNames(trainDir).map((name) => name.split("_")[0] as string);
const outletNames = [...new Set(outlets)];
const outletOf = outlets.map((o) => outletNames.indexOf(o));
let best: { l2: number; judged: Judged[]; likelihood: number } | undefined;
for (const l2 of L2_CHOICES) {
  const cv = crossValidate(speakerByArticle, l2, outletOf);
  say(`cv l2 ${l2}: held-out log-likelihood ${cv.likelihood.toFixed(4)}`);
  if (!best || cv.likelihood > best.likelihood) best = { l2, ...cv };
}
const chosen = best as NonNullable<typeof best>;
const keyQuoteThreshold = thresholdFor(chosen.judged, KEY_PRECISION);
say(formatTable(reliabilityTable(chosen.judged)));
say(
  `l2 ${chosen.l2}; key-quote threshold ${keyQuoteThreshold} (held-out precision ≥ ${KEY_PRECISION})`,
);
const ws = fitRanker(speakerByArticle.flat(), SPEAKER_DIMENSIONS, {
  ...DEFAULT_FIT,
  l2: chosen.l2,
});

const header = (
  what: string,
) => `// Written by \`npm run train\` (tools/train-rankers.ts) from PolNeAR train.
// Do not edit by hand: change the features in ${what} and retrain.
`;
writeFileSync(
  path.join(HERE, "pronoun-weights.ts"),
  `${header("pronoun-ranker.ts")}
/** A learned weight per feature name, for a candidate person and for "nobody". */
export interface PronounWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
}

export const PRONOUN_WEIGHTS: PronounWeights = ${weightsSource({ ...PRONOUN_WEIGHTS })};
`,
);
writeFileSync(
  path.join(HERE, "speaker-weights.ts"),
  `${header("speaker-ranker.ts")}
/** A learned weight per feature name, and the key-quote threshold read off the reliability table. */
export interface SpeakerWeights {
  candidate: Record<string, number>;
  nobody: Record<string, number>;
  keyQuoteThreshold: number;
}

export const SPEAKER_WEIGHTS: SpeakerWeights = ${weightsSource({ ...asSpeakerWeights(ws), keyQuoteThreshold })};
`,
);
say("wrote src/digest/attribution/pronoun-weights.ts and speaker-weights.ts");
