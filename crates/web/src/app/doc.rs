//! The rule panel: a rule's published page, opened from a finding. The wasm holds no rule
//! documentation (lint-core is built without its `docs` feature, ~80 KB gzipped less): the page
//! fetches the generated rules/CODE.md that scripts/web.sh copies beside it, on first use, and
//! renders it here.

use super::*;

impl App {
    /// Starts loading the page of rule `code` unless it is loaded or loading.
    pub(super) fn fetch_doc(&mut self, ctx: &Context<Self>, code: &str) {
        let Some(url) = model::rule_page_url(code) else {
            return;
        };
        if self.doc_pages.contains_key(&url) || self.docs_loading.contains(&url) {
            return;
        }
        self.docs_loading.insert(url.clone());
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let page = fetch_text(&url).await.map(|md| model::rule_html(&md));
            link.send_message(Msg::DocLoaded(url, page));
        });
    }

    pub(super) fn view_doc(&self, ctx: &Context<Self>) -> Html {
        let Some(code) = &self.doc else {
            return html! {};
        };
        let page = model::rule_page_url(code).map(|url| self.doc_pages.get(&url));
        let body = match page {
            None | Some(Some(None)) => {
                html! { <p>{ format!("No documentation for {code}.") }</p> }
            }
            Some(None) => {
                html! { <p class="loading">{ format!("Loading the page of {code}…") }</p> }
            }
            Some(Some(Some(h))) => Html::from_html_unchecked(AttrValue::from(h.clone())),
        };
        html! {
            <aside class="doc" id="doc" aria-label={format!("rule {code}")}>
                <button class="close" aria-label="close the rule panel" onclick={ctx.link().callback(|_| Msg::CloseDoc)}>{"×"}</button>
                { body }
            </aside>
        }
    }
}

/// The text at `url` (same origin), or `None` when the request fails or is not a success.
async fn fetch_text(url: &str) -> Option<String> {
    let promise = web_sys::window()?.fetch_with_str(url);
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?;
    text.as_string()
}
