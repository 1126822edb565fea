// The checker: runs lint-core off the main thread so the page stays responsive on any input.
import init, { lint_request } from "./rlint-web.js";

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const started = performance.now();
  let answer;
  try {
    answer = JSON.parse(lint_request(event.data));
  } catch (e) {
    answer = { id: JSON.parse(event.data).id, files: [], error: String(e) };
  }
  answer.ms = performance.now() - started;
  self.postMessage(JSON.stringify(answer));
};
