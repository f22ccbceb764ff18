/**
 * Common given names whose bearer's gender a pronoun can be checked against (`Ruth Marcus … she
 * wrote` must not go to a man named later). Only names that are overwhelmingly one gender in
 * English-language news; a name not listed leaves the gender unknown, which matches either
 * pronoun. Lower-cased.
 */
export const FEMALE_FIRST_NAMES = new Set(
  (
    "abigail ada adriana alexandra alexis alice alicia alison allison amanda amber amy ana andrea " +
    "angela angelina anita ann anna anne annie april ashley audrey barbara betsy betty beverly " +
    "brenda brittany caitlin camila carla carly carmen carol caroline carolyn cassandra catherine " +
    "cathy charlotte chelsea cheryl christina christine cindy claire clara claudia colleen connie " +
    "cynthia daisy dana danielle darlene dawn deborah debbie debra denise diana diane dianne " +
    "dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth elise elizabeth ella " +
    "ellen emily emma erica erin esther eva evelyn faith fiona frances gabriela gabrielle gail " +
    "gillian gina gloria grace gretchen hannah harriet hayley heather heidi helen hillary holly " +
    "hope huma irene iris isabel isabella ivanka jacqueline jan jane janet janice jasmine jeanne " +
    "jennifer jenny jessica jill joan joanna joanne jodi joy joyce judith judy julia julie june " +
    "karen kate katherine kathleen kathryn kathy katie katrina kay kayleigh kellyanne kelly " +
    "kimberly kirsten kristen kristin laura lauren leah leslie lillian linda lisa lois loretta " +
    "lori louise lucy lydia lynn madeleine madeline maggie mandy marcia margaret maria marian " +
    "marie marilyn marion marsha martha mary maureen megan meghan melania melanie melissa michelle " +
    "mildred molly monica nancy naomi natalie nicole nikki nina nora norma olivia paige pamela " +
    "patricia paula pauline peggy penny phyllis priscilla rachel rebecca regina renee rita roberta " +
    "rosa rose rosemary ruth sabrina sally samantha sandra sara sarah sharon sheila shirley sonia " +
    "sophia sophie stacy stephanie sue susan suzanne sylvia tammy tanya tara teresa theresa tiffany " +
    "tina tracy ursula valerie vanessa veronica vicki victoria virginia wendy whitney yvonne zoe " +
    // Beyond English-language names: eastern and central Europe, the Baltics, western Europe,
    // the Arab world (news from any newsroom names them).
    "sviatlana svetlana svitlana olga olha natalia natalya nataliya lyudmila ludmila liudmila " +
    "liudmyla tatiana tatyana tatsiana tetiana irina iryna yulia yuliya oksana anastasia " +
    "anastasiya ekaterina yekaterina katsiaryna marina maryna galina halina larisa valentina " +
    "veronika nadezhda nadiya ksenia kseniya darya daria alina polina zoya lidia maryia raisa " +
    "olena agnieszka katarzyna malgorzata magdalena ewa monika beata renata marta urszula " +
    "ingrid greta sabine ulrike annalena birgit petra angelika brigitte giorgia giulia chiara " +
    "francesca federica alessandra lucia pilar aisha fatima leila layla mariam maryam yasmin " +
    "zainab ségolène segolene"
  ).split(/\s+/u),
);

export const MALE_FIRST_NAMES = new Set(
  (
    "aaron adam alan albert alex alexander alfred andrew andy anthony antonio arnold arthur barack " +
    "barry ben benjamin bernard bernie bill billy bob bobby brad bradley brandon brent brett brian " +
    "bruce bryan carl carlos charles charlie chad chris christian christopher chuck clarence clint " +
    "cory craig curtis dale dan daniel danny darren dave david dennis derek dick don donald doug " +
    "douglas dwight earl ed eddie edward elijah eric ernest eugene evan frank franklin fred " +
    "frederick gary gavin gene geoff geoffrey george gerald gordon graham greg gregory harold " +
    "harry harvey henry herbert howard hugh ian isaac jack jacob jake james jared jason jeb jeff " +
    "jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jordan jose " +
    "joseph josh joshua juan justin keith ken kenneth kevin kurt kyle larry lawrence lee leon " +
    "leonard lewis lloyd louis luis luke malcolm marco marcus mario mark martin matt matthew " +
    "maurice max michael mickey miguel mike mitch mitchell mitt nathan neil newt nicholas nick " +
    "noah norman oliver oscar patrick paul pete peter phil philip phillip ralph ramon randy ray " +
    "raymond reince richard rick ricky rob robert rodney roger ron ronald ross roy rudy russell " +
    "ryan sam samuel scott sean sergei seth shawn stanley stephen steve steven stuart ted terry " +
    "thomas tim timothy todd tom tommy tony travis troy tyler victor vincent vladimir walter " +
    "warren wayne wesley william willie zach zachary " +
    "aleksandr aliaksandr alexei alexey aleksei andrei andrey andrzej dmitry dmitri dzmitry " +
    "sergey siarhei viktor viktar yuri yury yuriy igor ihar oleg aleh pavel pavlo mikhail mikalai " +
    "nikolai nikolay boris ivan maxim maksim anatoly valery valeriy vitaly vitali gennady leonid " +
    "evgeny yevgeny yauhen konstantin stanislav stanislau vadim ales franak uladzimir volodymyr " +
    "oleksandr oleksiy mykola petro vasyl taras bohdan piotr tomasz krzysztof jaroslaw mateusz " +
    "zbigniew wojciech gitanas vytautas linas algirdas olaf gerhard helmut wolfgang jurgen " +
    "jürgen emmanuel françois francois jacques pedro pablo javier alejandro jorge andrés andres " +
    "fernando ricardo mohammed muhammad mohamed ahmed ahmad hassan hussein khalid mahmoud recep " +
    "ilham nursultan"
  ).split(/\s+/u),
);

/**
 * Surname endings that state a gender in Slavic and Baltic names (`Kolesnikova`,
 * `Tsikhanouskaya`, `Kowalska`, `Navickienė`; `Peskov`, `Zelensky`, `Lewandowski`). Read only
 * for someone neither a given name nor the article's pronouns placed.
 */
const SURNAME_ENDINGS: ReadonlyArray<{ endings: readonly string[]; gender: "male" | "female" }> = [
  {
    endings: "ova eva yova aya ovna evna ová ská cká ska cka ienė aitė ytė ūtė".split(" "),
    gender: "female",
  },
  { endings: "ov ev yov sky skiy skyi ski".split(" "), gender: "male" },
];

/** Three letters at least before the ending: `Ivanova`, not `Nova`. */
const STEM_LETTERS = 3;

export function genderOfSurname(surname: string): "male" | "female" | undefined {
  const lower = surname.toLowerCase();
  return SURNAME_ENDINGS.find((row) =>
    row.endings.some((e) => lower.length >= e.length + STEM_LETTERS && lower.endsWith(e)),
  )?.gender;
}
