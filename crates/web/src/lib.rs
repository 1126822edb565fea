//! rlint in the browser: a Yew app (main thread) and the lint entry point its Web Worker calls.
//! Everything runs in the page: no request leaves it after the page and its wasm load.

pub mod examples;
pub mod layers;
pub mod model;

#[cfg(target_arch = "wasm32")]
mod app;

use wasm_bindgen::prelude::*;

/// Starts the page (called by index.html; the worker loads the same module without it).
#[wasm_bindgen]
pub fn start() {
    #[cfg(target_arch = "wasm32")]
    {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        if let Some(root) = root {
            yew::Renderer::<app::App>::with_root(root).render();
        }
    }
}

/// The worker's job: a JSON [`model::Request`] in, a JSON [`model::Response`] out.
#[wasm_bindgen]
pub fn lint_request(request: &str) -> String {
    model::answer(request)
}
