//! The rule panel: a rule's published doc, opened from a finding.

use super::*;

impl App {
    pub(super) fn view_doc(&self, ctx: &Context<Self>) -> Html {
        let Some(code) = &self.doc else {
            return html! {};
        };
        let body = model::rule_html(code).map_or_else(
            || html! { <p>{ format!("No documentation for {code}.") }</p> },
            |h| Html::from_html_unchecked(AttrValue::from(h)),
        );
        html! {
            <aside class="doc" id="doc" aria-label={format!("rule {code}")}>
                <button class="close" aria-label="close the rule panel" onclick={ctx.link().callback(|_| Msg::CloseDoc)}>{"×"}</button>
                { body }
            </aside>
        }
    }
}
