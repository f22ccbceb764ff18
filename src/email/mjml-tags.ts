/**
 * Whether every MJML tag of a template file is closed by its own name. mjml's parser is lenient
 * and, at any validation level, renders `<mj-text>…</mj-textt>` without a word: the stray
 * closing tag is dropped and the text runs on. Checked per file, so the error names the file and
 * line. Comments are skipped (their lines still counted); only `mj-*` and `mjml` tags are read,
 * so the HTML inside `mj-raw` or a text block is left alone. Pure.
 */
export function unbalancedTag(text: string): { line: number; message: string } | undefined {
  const source = text.replace(/<!--[\s\S]*?-->/gu, (c) => c.replace(/[^\n]/gu, " "));
  const open: Array<{ name: string; line: number }> = [];
  const lineAt = (index: number) => source.slice(0, index).split("\n").length;
  for (const m of source.matchAll(/<(\/?)(mjml|mj-[a-z-]+)\b[^>]*?(\/?)>/gu)) {
    const [, closing, name = "", selfClosing] = m;
    const line = lineAt(m.index ?? 0);
    if (selfClosing) continue;
    if (!closing) {
      open.push({ name, line });
      continue;
    }
    const top = open.pop();
    if (!top) return { line, message: `</${name}> closes nothing` };
    if (top.name !== name)
      return { line, message: `</${name}> does not close <${top.name}> (line ${top.line})` };
  }
  const left = open.pop();
  return left ? { line: left.line, message: `<${left.name}> is never closed` } : undefined;
}
