/**
 * Text whose UTF-8 bytes were read as Windows-1252 somewhere upstream (a feed or page with the
 * wrong charset): `FranÃ§ois` for François, `â€œ` and `â€` for curly quotation marks, which
 * hides every quotation from the finder. Each run of characters that spells the bytes of one
 * UTF-8 character is put back; anything else is left exactly as it was. Twice, for text that
 * was mis-read twice (`SarukhÃÂ¡n`).
 */

/**
 * Windows-1252's characters for the bytes 0x80–0x9F (Latin-1 has controls there). The five
 * bytes it leaves undefined stand as their own control characters, keeping the positions.
 */
const CP1252_BYTES = new Map<string, number>(
  [..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"].map((ch, i) => [ch, 0x80 + i]),
);

function byteOf(ch: string): number | undefined {
  const code = ch.codePointAt(0) as number;
  if (code >= 0x80 && code <= 0xff) return code;
  return CP1252_BYTES.get(ch);
}

/**
 * How many continuation bytes a lead byte announces, for the leads mis-read text shows: `Â` and
 * `Ã` (Latin-1 letters), `Ä` and `Å` (Latin Extended: ł, ś, ž), `â` (punctuation: quotation
 * marks, dashes) and `ð` (emoji). Other accented capitals before a quotation mark are real text
 * (`“OLÉ”`), so they are never read as bytes.
 */
function continuations(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xc5) return 1;
  if (lead === 0xe2) return 2;
  if (lead === 0xf0) return 3;
  return 0;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function repairOnce(text: string): string {
  // (Only text with a lead byte's character can hold any: most text is returned at once.)
  if (!/[\u00c2-\u00c5\u00e2\u00f0]/u.test(text)) return text;
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const lead = ch.codePointAt(0) as number;
    const n = continuations(lead);
    if (n > 0 && i + n < chars.length) {
      const bytes = [lead];
      for (let k = 1; k <= n; k++) bytes.push(byteOf(chars[i + k] as string) ?? -1);
      if (bytes.slice(1).every((b) => b >= 0x80 && b <= 0xbf)) {
        try {
          out += strictUtf8.decode(Uint8Array.from(bytes));
          i += n;
          continue;
        } catch {
          // Not one UTF-8 character after all: left as written.
        }
      }
    }
    out += ch;
  }
  return out;
}

export function repairMojibake(text: string): string {
  // (`â€` left before a space or a stop: a closing mark whose last byte, 0x9D, Windows-1252 has
  // no character for, so a reader dropped it.)
  return repairOnce(repairOnce(text)).replace(/â€(?=[\s,.;:!?)]|$)/gu, "”");
}
