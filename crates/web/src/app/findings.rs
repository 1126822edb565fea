//! The findings list beside the editor: one row per finding, with go-to, rule doc and fix.

use super::*;

impl App {
    pub(super) fn view_results(&self, ctx: &Context<Self>) -> Html {
        let tab = self.active_tab();
        let shown = self.shown_result();
        let fresh = shown.is_some_and(|(_, fresh)| fresh);
        let layers = self.layers_shown();
        let body = match (shown.map(|(r, _)| r), self.stale()) {
            _ if layers => self.view_layers(ctx),
            (Some(r), _) if r.wrong_kind.is_some() => {
                let wrong = r.wrong_kind.as_ref().expect("checked");
                let (i, name) = (self.active, wrong.rename_to.clone());
                let said = match model::kind_label(&tab.path) {
                    "unknown kind" => "does not say what kind of file it is".to_string(),
                    kind => format!("makes it a {kind} file"),
                };
                html! {
                    <div class="empty wrong-kind" id="wrong-kind">
                        <p>{ format!("This looks like a {}, but the name `{}` {said}: checked as that, it would get {} findings that mean nothing.", wrong.looks_like, tab.path, wrong.hidden) }</p>
                        <button id="rename-kind" onclick={ctx.link().callback(move |_| Msg::RenameTo(i, name.clone()))}>
                            { format!("Rename the tab to {}", wrong.rename_to) }
                        </button>
                    </div>
                }
            }
            (Some(r), _) if r.skipped => html! {
                <p class="empty" id="skipped">{ format!("rlint does not check {} files yet; they still count for cross-file checks.", model::kind_label(&tab.path)) }</p>
            },
            (Some(r), _) if r.kind.is_none() && r.findings.is_empty() => html! {
                <p class="empty">{ "This name does not say what kind of file it is: name the tab Dockerfile, compose.yaml, .dockerignore, .env, buildspec.yml, .travis.yml, .circleci/config.yml, .github/workflows/NAME.yml, Dockerrun.aws.json or task-definition.json." }</p>
            },
            (Some(r), _) if r.findings.is_empty() => html! {
                <p class="empty ok" id="no-problems">{ format!("No problems found in {}.", tab.path) }</p>
            },
            (Some(r), _) => {
                let mut seen = std::collections::HashMap::new();
                html! { <>
                    if r.findings.len() > SHOWN {
                        <p class="empty" id="truncated">{ format!("{} findings: the first {SHOWN} are listed and marked; download the report for every one.", r.findings.len()) }</p>
                    }
                    <ol class="findings" id="findings">
                        { for r.findings.iter().take(SHOWN).enumerate().map(|(i, f)| {
                            // Keys that survive edits elsewhere in the file, so the list is patched,
                            // not rebuilt, on every keystroke: the code and the message without its
                            // digits (a new line above renumbers "the RUN at line 103"), counted.
                            let mut key = String::with_capacity(f.code.len() + f.message.len() + 4);
                            key.push_str(&f.code);
                            key.push('\u{1f}');
                            key.extend(f.message.chars().filter(|c| !c.is_ascii_digit()));
                            let nth = seen.entry(key.clone()).or_insert(0usize);
                            *nth += 1;
                            key.push('\u{1f}');
                            key.push_str(&nth.to_string());
                            html! {
                                <FindingRow key={key} file={Rc::clone(r)} i={i} on_goto={self.on_goto.clone()}
                                    on_doc={self.on_doc.clone()} on_fix={self.on_fix.clone()} />
                            }
                        }) }
                    </ol>
                </> }
            }
            (None, true) => html! { <p class="empty" id="checking">{"Checking…"}</p> },
            (None, false) => html! { <p class="empty">{"No result for this file."}</p> },
        };
        html! {
            <section class={classes!("results", (!fresh).then_some("stale"))} aria-label="findings" id="results" data-generation={self.generation.to_string()}
                data-ms={self.results.as_ref().map(|a| format!("{:.2}", a.ms)).unwrap_or_default()}
                data-linted-in={self.results.as_ref().map(|a| a.place).unwrap_or_default()}>
                { self.view_results_switch(ctx) }
                <h2>{ if layers { format!("Layer cache of {}", tab.path) } else { format!("Findings in {}", tab.path) } }</h2>
                { body }
            </section>
        }
    }
}

#[derive(Properties)]
struct FindingRowProps {
    file: Rc<FileResult>,
    i: usize,
    on_goto: Callback<usize>,
    on_doc: Callback<AttrValue>,
    on_fix: Callback<usize>,
}

impl FindingRowProps {
    fn finding(&self) -> &Finding {
        &self.file.findings[self.i]
    }
}

/// Rows are equal when they show the same: a finding whose offsets moved (an edit above it)
/// but whose line, column and words did not is not drawn again.
impl PartialEq for FindingRowProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.finding(), other.finding());
        self.i == other.i
            && self.on_goto == other.on_goto
            && self.on_doc == other.on_doc
            && self.on_fix == other.on_fix
            && (Rc::ptr_eq(&self.file, &other.file)
                || (a.code == b.code
                    && a.severity == b.severity
                    && a.line == b.line
                    && a.column == b.column
                    && a.message == b.message
                    && a.help == b.help
                    && fix_shown(a) == fix_shown(b)))
    }
}

fn fix_shown(f: &Finding) -> Option<(&str, bool)> {
    f.fix.as_ref().map(|x| (x.message.as_str(), x.safe))
}

/// One finding in the results list.
#[function_component]
fn FindingRow(p: &FindingRowProps) -> Html {
    let f = p.finding();
    let i = p.i;
    let severity = severity_static(&f.severity);
    let code = AttrValue::from(f.code.clone());
    let (on_goto, on_doc, on_fix) = (p.on_goto.clone(), p.on_doc.clone(), p.on_fix.clone());
    html! {
        <li class={classes!("finding", severity)} data-line={f.line.to_string()} data-code={code.clone()}>
            <button class="goto" onclick={move |_| on_goto.emit(i)}>
                <span class={classes!("sev", severity)}>{ &f.severity }</span>
                <span class="loc">{ format!("{}:{}", f.line, f.column) }</span>
                <span class="msg">{ &f.message }</span>
            </button>
            <button class="rule" title="rule documentation" onclick={{ let code = code.clone(); move |_| on_doc.emit(code.clone()) }}>{ code.clone() }</button>
            if let Some(help) = &f.help { <p class="help">{ help }</p> }
            if let Some(fix) = &f.fix {
                <button class="fix" title={fix.message.clone()} onclick={move |_| on_fix.emit(i)}>
                    { if fix.safe { "Apply fix" } else { "Apply fix (review it)" } }
                </button>
            }
        </li>
    }
}
