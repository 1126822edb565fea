//! The file tabs: select, rename, close, add (with the names rlint recognises offered).

use super::*;

impl App {
    pub(super) fn view_tabs(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        html! {
            <nav class="tabs" role="tablist" aria-label="files">
                { for self.tabs.iter().enumerate().map(|(i, t)| {
                    let counts = self.result_of(&t.path).map(|r| {
                        let errors = r.findings.iter().filter(|f| f.severity == "error").count();
                        (errors, r.findings.len() - errors)
                    });
                    let renaming = self.renaming.as_ref().filter(|(j, _)| *j == i);
                    html! {
                        <div class={classes!("tab", (i == self.active).then_some("active"))}>
                            if let Some((_, name)) = renaming {
                                <input class="rename" value={name.clone()} aria-label="file name"
                                    oninput={link.callback(|e: InputEvent| Msg::RenameName(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))}
                                    onkeydown={link.batch_callback(|e: KeyboardEvent| match e.key().as_str() {
                                        "Enter" => Some(Msg::CommitRename),
                                        _ => None,
                                    })}
                                    onblur={link.callback(|_| Msg::CommitRename)} />
                            } else {
                                <button role="tab" class="tab-name" aria-selected={(i == self.active).to_string()}
                                    title={model::kind_label(&t.path)}
                                    onclick={link.callback(move |_| Msg::Select(i))}
                                    ondblclick={link.callback(move |_| Msg::StartRename(i))}>
                                    { &t.path }
                                    if let Some((errors, others)) = counts {
                                        if errors > 0 { <span class="badge error">{ errors }</span> }
                                        if others > 0 { <span class="badge warning">{ others }</span> }
                                    }
                                </button>
                                <button class="tab-op" title="rename" aria-label={format!("rename {}", t.path)}
                                    onclick={link.callback(move |_| Msg::StartRename(i))}>{"✎"}</button>
                                <button class="tab-op" title="close" aria-label={format!("close {}", t.path)}
                                    onclick={link.callback(move |_| Msg::Close(i))}>{"×"}</button>
                            }
                        </div>
                    }
                }) }
                if let Some(name) = &self.adding {
                    <form class="add" onsubmit={link.callback(|e: SubmitEvent| { e.prevent_default(); Msg::CommitAdd })}>
                        <input id="new-name" list="names" value={name.clone()} placeholder="compose.yaml" aria-label="new file name"
                            oninput={link.callback(|e: InputEvent| Msg::AddName(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))}
                            onkeydown={link.batch_callback(|e: KeyboardEvent| (e.key() == "Escape").then_some(Msg::CancelAdd))} />
                        <datalist id="names">
                            { for ["Dockerfile", "compose.yaml", ".dockerignore", ".env", "buildspec.yml", ".travis.yml",
                                   ".circleci/config.yml", ".github/workflows/ci.yml", "Dockerrun.aws.json", "task-definition.json"]
                                .iter().map(|n| html! { <option value={*n} /> }) }
                        </datalist>
                        <button type="submit">{"Add"}</button>
                    </form>
                } else {
                    <button id="add-file" class="tab-add" title="add a file" onclick={link.callback(|_| Msg::StartAdd)}>{"+ file"}</button>
                }
            </nav>
        }
    }
}
