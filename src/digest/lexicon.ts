/**
 * Word lists the attribution rules consult. Kept apart from the rules so that a new reporting
 * verb or title is a one-line change with no logic touched.
 */

/** Verbs that introduce speech, in the forms news copy uses them. Matched case-insensitively. */
export const REPORTING_VERBS = new Set(
  (
    "say says said tell tells told add adds added clarify clarifies clarified stress stresses " +
    "stressed claim claims claimed ask asks asked warn warns warned insist insists insisted " +
    "explain explains explained note notes noted argue argues argued declare declares declared " +
    "state states stated write writes wrote continue continues continued reply replies replied " +
    "answer answers answered recall recalls recalled admit admits admitted acknowledge " +
    "acknowledges acknowledged announce announces announced confirm confirms confirmed urge " +
    "urges urged suggest suggests suggested comment comments commented remark remarks remarked " +
    "observe observes observed emphasise emphasises emphasised emphasize emphasizes emphasized " +
    "maintain maintains maintained predict predicts predicted caution cautions cautioned concede " +
    "concedes conceded counter counters countered respond responds responded tweet tweets " +
    "tweeted post posts posted joke jokes joked reiterate reiterates reiterated vow vows vowed " +
    "conclude concludes concluded complain complains complained boast boasts boasted shout " +
    "shouts shouted whisper whispers whispered exclaim exclaims exclaimed demand demands " +
    "demanded deny denies denied agree agrees agreed assert asserts asserted allege alleges " +
    "alleged mention mentions mentioned report reports reported testify testifies testified " +
    "recount recounts recounted muse muses mused quip quips quipped sigh sighs sighed cry cries " +
    "cried pledge pledges pledged promise promises promised scoff scoffs scoffed assure assures " +
    "assured interject interjects interjected retort retorts retorted charge charges charged " +
    "contend contends contended lament laments lamented quip quipped gush gushes gushed chide " +
    "chides chided plead pleads pleaded implore implores implored reason reasons reasoned " +
    "speculate speculates speculated elaborate elaborates elaborated wonder wonders wondered " +
    "yell yells yelled scream screams screamed chant chants chanted text texts texted email " +
    "emails emailed tout touts touted insist insisting saying telling adding noting writing " +
    "asking explaining arguing warning remember remembers remembered question questions " +
    "questioned pressed brag brags bragged hint hints hinted proclaim proclaims " +
    "proclaimed confide confides confided opine opines opined grumble grumbles grumbled bemoan " +
    "bemoans bemoaned"
  ).split(/\s+/u),
);

/**
 * Verbs that frame a quoted fragment as the subject's words without reporting speech (`Tom
 * Brandt called the plan “an expensive gamble”`). `dubbed` and `so-called` are left out: they
 * name a title, not anyone's words.
 */
export const FRAGMENT_CUES = new Set(
  (
    "call calls called calling describe describes described describing label labels labeled " +
    "labelled branded decried denounced praised hailed blasted slammed criticized criticised " +
    "mocked dismissed vowed promised pledged urged termed characterized characterised accused " +
    "accuses accusing"
  ).split(/\s+/u),
);

/** Verbs that are reporting verbs in form but, next to a quotation, name a source, not a speaker. */
export const SOURCE_MARKERS = new Set(["quoted", "cited"]);

export const PRONOUNS = new Map<string, "male" | "female">([
  ["he", "male"],
  ["she", "female"],
]);

/**
 * Titles written before a name (`Defense Secretary Lloyd Austin`, `Mrs Thatcher`). Lower-cased;
 * an abbreviation is listed with and without its full stop.
 */
export const TITLES = new Set(
  (
    "president vice prime minister secretary spokesman spokeswoman spokesperson press defense " +
    "defence foreign interior finance chief director chairman chairwoman chair ceo mayor governor " +
    "gov gov. senator sen sen. representative rep rep. general gen gen. colonel col col. captain " +
    "capt capt. lieutenant lt lt. sergeant sgt sgt. officer patrol detective sheriff inspector " +
    "commissioner ambassador professor prof prof. dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord " +
    "lady king queen prince princess pope judge justice rev rev. reverend father pastor bishop " +
    "cardinal rabbi imam coach admiral chancellor premier speaker leader boss head deputy " +
    "assistant attorney commander marshal state del. delegate congressman congresswoman staff " +
    "adviser advisor editor anchor co-anchor alderman alderwoman assemblyman assemblywoman " +
    "councilman councilwoman councillor councilor"
  ).split(/\s+/u),
);

/** Role nouns that `the spokesman` or `the Belarusian president` can refer back to. */
export const ROLE_NOUNS = new Set(
  (
    "president minister secretary spokesman spokeswoman spokesperson director chief boss head " +
    "leader mayor governor senator chairman chairwoman ceo official prosecutor judge coach " +
    "captain general commander ambassador chancellor premier king queen pope manager founder " +
    "author actor actress singer star lawyer attorney economist analyst professor oceanographer " +
    "scientist doctor officer pastor priest bishop editor researcher expert founder owner " +
    "teacher father mother wife husband envoy diplomat negotiator member resident witness " +
    "survivor victim student worker employee executive comedian journalist reporter " +
    "correspondent columnist pollster filmmaker producer anchor co-anchor host adviser advisor " +
    "strategist activist organizer organiser"
  ).split(/\s+/u),
);

/**
 * Bodies of state that speak as one: `the foreign ministry said`, `China's foreign ministry
 * said`. Named by the words before them (institutions.ts).
 */
export const INSTITUTION_NOUNS = new Set(
  (
    "ministry government embassy consulate police army military navy parliament legislature " +
    "cabinet presidency court office service committee commission agency council"
  ).split(/\s+/u),
);

/**
 * Lower-case words that name a body of state with the noun after them: `the interior ministry`.
 * (Not `federal`, `state` or `city`: `the federal government` is rarely one body speaking.)
 */
export const PORTFOLIOS = new Set(
  (
    "foreign interior home defence defense health finance justice economy economic education " +
    "emergency emergencies energy trade culture information transport agriculture labour " +
    "labor environment security border tax customs investigative supreme constitutional " +
    "military riot traffic prosecutor prosecutor-general attorney-general human civil rights " +
    "presidential press"
  ).split(/\s+/u),
);

export const FEMALE_TITLES = new Set([
  "mrs",
  "mrs.",
  "ms",
  "ms.",
  "miss",
  "dame",
  "lady",
  "queen",
  "princess",
  "spokeswoman",
  "chairwoman",
  "actress",
  "mother",
  "wife",
]);
export const MALE_TITLES = new Set([
  "mr",
  "mr.",
  "sir",
  "lord",
  "king",
  "prince",
  "spokesman",
  "chairman",
  "actor",
  "father",
  "husband",
]);

/**
 * Capitalised words that start a sentence or a clause but never a name. A name phrase drops them
 * from its front (`But Peskov` → `Peskov`).
 */
export const NOT_NAME_STARTS = new Set(
  (
    "the a an and but or nor so yet for in on at to of by from with without into onto over under " +
    "after before since until while when whenever where if unless though although as because " +
    "however meanwhile moreover also then now still even this that these those there here he she " +
    "it they we i you his her their our its my your who what which why how according asked " +
    "some many most all both each every no not one two three former then late ex like unlike " +
    "despite amid during following among including except via per besides beyond " +
    // The rest of the closed classes (determiners, indefinite pronouns, sentence adverbs) and
    // the participles of reporting verbs that open clauses: `Another tweeted, “…”` named
    // nobody called Another.
    "another other others several few any either neither such whichever whatever whoever " +
    "someone somebody anyone anybody everyone everybody nobody something anything everything " +
    "nothing instead perhaps maybe indeed otherwise nevertheless nonetheless furthermore " +
    "citing quoting noting echoing responding referring speaking writing describing addressing " +
    "first second third finally lastly next later earlier again today yesterday tomorrow tonight"
  ).split(/\s+/u),
);

/** Words that make a capitalised phrase a place, an organisation or a thing rather than a person. */
export const NON_PERSON_WORDS = new Set(
  (
    "department ministry university college school institute agency police party union council " +
    "office news post times press sea ocean island islands river lake mountain mount street " +
    "avenue road airport airlines airways air force army navy group company corp corp. inc inc. " +
    "ltd association committee commission government church hospital center centre foundation " +
    "fund service services network states kingdom republic federation city county province " +
    "region valley bay gulf strait house court bank day week year monday tuesday wednesday " +
    "thursday friday saturday sunday january february march april may june july august september " +
    "october november december christmas thanksgiving easter parliament congress senate " +
    "pentagon kremlin white nations club team league cup games war media tv radio channel " +
    "magazine newspaper flight square park bridge station democrat democrats democratic " +
    "republican republicans gop conservative conservatives liberal liberals independent " +
    "independents american americans"
  ).split(/\s+/u),
);

/** First words of place names that look like a first and last name (`New York`, `San Jose`). */
export const PLACE_STARTS = new Set(
  "new north south east west san santa los las saint st st. fort port cape upper lower great united royal national federal central supreme golden".split(
    " ",
  ),
);

/** Lower-case particles inside a name (`Erik van Sebille`, `Osama bin Laden`). */
export const NAME_PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "del",
  "la",
  "le",
  "bin",
  "al",
  "ibn",
  "dos",
  "du",
]);

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS = new Set(
  "mr mrs ms dr sen gov rep del gen col capt lt sgt prof rev st jr sr no vs inc corp ltd co u.s u.k".split(
    " ",
  ),
);

/**
 * Plural nouns for groups that open sentences (`Prosecutors said`, `Officials warned`): never a
 * person's or an organisation's name, whatever their capital.
 */
export const GROUP_NOUNS = new Set(
  (
    "prosecutors officials authorities police investigators lawmakers legislators critics " +
    "supporters opponents protesters demonstrators residents analysts experts researchers " +
    "scientists witnesses officers doctors nurses students teachers parents voters leaders " +
    "activists organizers organisers lawyers attorneys judges senators aides advisers advisors " +
    "economists diplomats observers historians fans players sources officials' delegates " +
    "members workers employees executives agents soldiers troops rebels militants villagers " +
    "locals neighbors neighbours relatives families survivors victims passengers customers " +
    "users readers viewers listeners participants people"
  ).split(/\s+/u),
);
