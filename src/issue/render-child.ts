/**
 * The child of render-apart.ts: reads the render settings as JSON on stdin, renders, writes
 * `{"issue": …}` (or `{"error": …}`) on stdout, and exits, taking the renderer's memory with it.
 */
import { errorAnswer } from "./render-apart.ts";
import { renderIssue } from "./render-issue.ts";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
try {
  const request = JSON.parse(input);
  const issue = await renderIssue(request.settings, request.articleFile, new Date(request.now));
  process.stdout.write(JSON.stringify({ issue }));
} catch (error) {
  process.stdout.write(JSON.stringify(errorAnswer(error)));
  process.exitCode = 1;
}
