// Loads the wasm module and starts the page (the Web Worker loads the same module on its own).
import init, { start } from "./rlint-web.js";

await init();
start();
