// The checker: runs lint-core off the main thread for inputs too large or slow to lint in the page.
// Posts ["ready"] once its module is loaded, then ["answer", answer as JSON, milliseconds spent]
// per request; the JSON goes to the page untouched.
import init, { lint_request } from "./rlint-web.js";

const ready = init().then(() => self.postMessage(["ready"]));

self.onmessage = async (event) => {
  await ready;
  const started = performance.now();
  let answer;
  try {
    answer = lint_request(event.data);
  } catch (e) {
    let id = 0;
    try { id = JSON.parse(event.data).id; } catch { /* the page always sends JSON */ }
    answer = JSON.stringify({ id, files: [], error: String(e) });
  }
  self.postMessage(["answer", answer, performance.now() - started]);
};
