//! The bar above the tabs: examples, Fix all, Copy fixed file, Share, JSON and SARIF downloads.

use super::*;

impl App {
    pub(super) fn view_header(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let on_example = link.batch_callback(|e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let i = select.selected_index();
            (i > 0).then(|| Msg::LoadExample((i - 1) as usize))
        });
        html! {
            <header class="bar">
                <h1>{"rlint"}<span class="sub">{" playground"}</span></h1>
                <label class="examples">
                    <span class="sr">{"Load an example"}</span>
                    <select id="examples" ref={self.examples.clone()} onchange={on_example}>
                        <option value="">{"Examples…"}</option>
                        { for EXAMPLES.iter().map(|e| html! { <option>{ e.name }</option> }) }
                    </select>
                </label>
                <button id="fix-all" onclick={link.callback(|_| Msg::FixAll)}>{"Fix all"}</button>
                <button id="copy-fixed" onclick={link.callback(|_| Msg::CopyFixed)}>{"Copy fixed file"}</button>
                <button id="share" onclick={link.callback(|_| Msg::Share)}>{"Share link"}</button>
                <button id="dl-json" onclick={link.callback(|_| Msg::Download(false))}>{"JSON"}</button>
                <button id="dl-sarif" onclick={link.callback(|_| Msg::Download(true))}>{"SARIF"}</button>
                if let Some(share) = &self.share {
                    <input id="share-link" class="share-link" readonly=true value={share.clone()} aria-label="permalink" />
                }
                <span class="privacy">{"Runs in your browser: nothing is uploaded."}</span>
            </header>
        }
    }
}
