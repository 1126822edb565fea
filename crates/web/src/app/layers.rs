//! The layer-cache panel, shown in the results area instead of the findings for a Dockerfile tab:
//! the build's steps per stage, each cached or rebuilt and why (`lint_core::layers`, prepared by
//! `crate::layers::prepare`), the reorder advice with its DF085 fix, the context files to tick
//! "changed", and "compare with saved version". Computed in the page on every change of its
//! inputs (a few milliseconds for a 200-line Dockerfile, see BENCHMARKS.md).

use super::*;
use crate::layers::{self as panel_model, Panel};

impl LayersState {
    /// Drops the ticks, typed paths and saved version (another project was loaded).
    pub(super) fn forget_choices(&mut self) {
        self.choices = panel_model::Choices::default();
        self.saved = None;
        self.new_path.clear();
    }
}

impl App {
    /// The panel is open and the active tab is a Dockerfile.
    pub(super) fn layers_shown(&self) -> bool {
        self.layers.shown && panel_model::is_dockerfile(&self.active_tab().path)
    }

    /// The choices for the active Dockerfile (its saved version only if it is the one saved).
    fn layer_choices(&self) -> panel_model::Choices {
        let mut choices = self.layers.choices.clone();
        choices.saved = self
            .layers
            .saved
            .as_ref()
            .filter(|(path, _)| *path == self.active_tab().path)
            .map(|(_, text)| text.clone());
        choices
    }

    /// Computes the panel again when what it shows has changed.
    pub(super) fn refresh_layers(&mut self) {
        if !self.layers_shown() {
            return;
        }
        let key = LayersKey {
            tabs: self.tabs.clone(),
            active: self.active,
            choices: self.layer_choices(),
        };
        if self
            .layers
            .panel
            .as_ref()
            .is_some_and(|(_, k, _)| *k == key)
        {
            return;
        }
        let started = now();
        let panel = panel_model::prepare(&key.tabs, key.active, &key.choices);
        let ms = now() - started;
        self.layers.panel = Some((Rc::new(panel), key, ms));
        self.layers.generation += 1;
    }

    pub(super) fn handle_layers(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::ShowLayers(on) => self.layers.shown = on,
            Msg::ToggleChanged(path) => {
                let changed = &mut self.layers.choices.changed;
                if !changed.remove(&path) {
                    changed.insert(path);
                }
            }
            Msg::LayerPath(text) => self.layers.new_path = text,
            Msg::AddLayerPath => {
                let path = panel_model::clean_path(&self.layers.new_path);
                if path.is_empty() {
                    return false;
                }
                let choices = &mut self.layers.choices;
                if !choices.extra.contains(&path) {
                    choices.extra.push(path.clone());
                }
                // A path is added to say it changed.
                choices.changed.insert(path);
                self.layers.new_path.clear();
            }
            Msg::RemoveLayerPath(path) => {
                self.layers.choices.extra.retain(|p| *p != path);
                self.layers.choices.changed.remove(&path);
            }
            Msg::Compare(on) => {
                let tab = self.active_tab();
                self.layers.saved = on.then(|| (tab.path.clone(), tab.text.clone()));
            }
            Msg::SaveVersion => {
                let tab = self.active_tab();
                self.layers.saved = Some((tab.path.clone(), tab.text.clone()));
            }
            Msg::GotoStep(line) => {
                let Some((panel, _, _)) = &self.layers.panel else {
                    return false;
                };
                let Some(step) = panel
                    .stages
                    .iter()
                    .flat_map(|s| &s.steps)
                    .find(|s| s.line == line)
                else {
                    return false;
                };
                let len = self.active_tab().text.len();
                let (start, end) = (step.start.min(len), step.end.min(len));
                self.select_and_reveal(start, end);
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }

    /// The Findings / Layers switch over the results (for a Dockerfile tab).
    pub(super) fn view_results_switch(&self, ctx: &Context<Self>) -> Html {
        if !panel_model::is_dockerfile(&self.active_tab().path) {
            return html! {};
        }
        let link = ctx.link();
        let on = self.layers.shown;
        html! {
            <div class="views" role="tablist" aria-label="results view">
                <button role="tab" id="show-findings" aria-selected={(!on).to_string()}
                    onclick={link.callback(|_| Msg::ShowLayers(false))}>{"Findings"}</button>
                <button role="tab" id="show-layers" aria-selected={on.to_string()}
                    title="which build steps stay cached and which rebuild"
                    onclick={link.callback(|_| Msg::ShowLayers(true))}>{"Layers"}</button>
            </div>
        }
    }

    pub(super) fn view_layers(&self, ctx: &Context<Self>) -> Html {
        let Some((panel, _, ms)) = &self.layers.panel else {
            return html! { <p class="empty">{"Simulating…"}</p> };
        };
        let link = ctx.link();
        let comparing = self
            .layers
            .saved
            .as_ref()
            .is_some_and(|(p, _)| *p == self.active_tab().path);
        // The DF085 fixes carry out the advice; only offered while the findings are fresh.
        let findings: &[Finding] = self.active_result().map_or(&[], |r| &r.findings);
        html! {
            <div id="layers" class="layers" data-layers-generation={self.layers.generation.to_string()}
                data-ms={format!("{ms:.2}")}>
                <p class="layers-summary" id="layers-summary">{ &panel.summary }</p>
                <div class="layers-controls">
                    <label>
                        <input type="checkbox" id="layers-compare" checked={comparing}
                            onchange={link.callback(move |_| Msg::Compare(!comparing))} />
                        { " compare with saved version" }
                    </label>
                    if comparing {
                        <button id="layers-save" title="compare with the text as it is now"
                            onclick={link.callback(|_| Msg::SaveVersion)}>{"save this version"}</button>
                        <span class="muted">{ if panel.compared { " edits since the saved version count as changes" } else { " no edits since the saved version" } }</span>
                    }
                </div>
                if !panel.advice.is_empty() {
                    <ul class="advice" id="layers-advice">
                        { for panel.advice.iter().map(|a| {
                            let fix = panel_model::advice_fix(findings, a);
                            // Without a fix (no manifest in the tabs, or the RUN cannot move),
                            // DF085's help says what to do by hand.
                            let help = fix.is_none().then(|| findings.iter()
                                .find(|f| f.code == "DF085" && f.line == a.line)
                                .and_then(|f| f.help.clone())).flatten();
                            html! {
                                <li class="advice-item" data-line={a.line.to_string()}>
                                    <span>{ format!("line {}: {}", a.line, a.message) }
                                        if let Some(help) = help { <span class="muted">{ format!(" (no one-click fix here: {help})") }</span> }
                                    </span>
                                    if let Some(i) = fix {
                                        <button class="apply-advice" title="the DF085 fix: copies the manifests first and moves the install above the broad COPY (review it)"
                                            onclick={link.callback(move |_| Msg::ApplyFix(i))}>{"Apply"}</button>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                }
                { for (0..panel.stages.len()).map(|stage| self.view_stage(panel, stage)) }
                { self.view_context_files(ctx, panel) }
                { for panel.notes.iter().map(|n| html! { <p class="layers-note">{ format!("note: {n}") }</p> }) }
            </div>
        }
    }

    fn view_stage(&self, panel: &Rc<Panel>, stage: usize) -> Html {
        let row = &panel.stages[stage];
        html! {
            <section class={classes!("stage", row.skipped.is_some().then_some("skipped"))} data-stage={row.name.clone()}>
                <h3>
                    { format!("stage {} (line {})", row.name, row.line) }
                    if let Some(why) = &row.skipped { <span class="muted">{ format!(": skipped, {why}") }</span> }
                </h3>
                <ol class="steps">
                    { for (0..row.steps.len()).map(|step| html! {
                        <StepItem key={row.steps[step].line} panel={Rc::clone(panel)} stage={stage} step={step}
                            on_goto={self.on_step.clone()} />
                    }) }
                </ol>
            </section>
        }
    }

    fn view_context_files(&self, ctx: &Context<Self>, panel: &Panel) -> Html {
        let link = ctx.link();
        html! {
            <section class="context" id="layers-context">
                <h3>
                    {"Build context: tick what changed since the last build"}
                    if let Some(ignore) = &panel.dockerignore { <span class="muted">{ format!(" ({ignore} applies)") }</span> }
                </h3>
                <ul class="ctx-files">
                    { for panel.files.iter().map(|f| {
                        let (toggle, remove) = (f.path.clone(), f.path.clone());
                        html! {
                            <li class={classes!("ctx-file", f.ignored.then_some("ignored"))} data-path={f.path.clone()}>
                                <label>
                                    <input type="checkbox" class="ctx-changed" checked={f.changed}
                                        onchange={link.callback(move |_| Msg::ToggleChanged(toggle.clone()))} />
                                    <code>{ &f.path }</code>
                                    { if f.changed { " changed" } else { "" } }
                                    if f.ignored { <span class="muted">{" (left out by .dockerignore)"}</span> }
                                </label>
                                if f.extra {
                                    <button class="tab-op" title="remove" aria-label={format!("remove {}", f.path)}
                                        onclick={link.callback(move |_| Msg::RemoveLayerPath(remove.clone()))}>{"×"}</button>
                                }
                            </li>
                        }
                    }) }
                </ul>
                <form class="add" onsubmit={link.callback(|e: SubmitEvent| { e.prevent_default(); Msg::AddLayerPath })}>
                    <input id="layers-new-path" value={self.layers.new_path.clone()} placeholder="src/app.py"
                        aria-label="a changed context file"
                        oninput={link.callback(|e: InputEvent| Msg::LayerPath(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))} />
                    <button type="submit" id="layers-add-path">{"Add changed file"}</button>
                </form>
            </section>
        }
    }
}

#[derive(Properties)]
struct StepProps {
    panel: Rc<Panel>,
    stage: usize,
    step: usize,
    /// Selects the step's line in the editor.
    on_goto: Callback<usize>,
}

impl StepProps {
    fn row(&self) -> &panel_model::StepRow {
        &self.panel.stages[self.stage].steps[self.step]
    }
}

/// Rows are equal when they show the same: a step whose byte offsets moved (an edit above it)
/// is not drawn again, so a keystroke redraws the rows it changed only.
impl PartialEq for StepProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.row(), other.row());
        self.on_goto == other.on_goto
            && (Rc::ptr_eq(&self.panel, &other.panel)
                && self.stage == other.stage
                && self.step == other.step
                || (a.line == b.line
                    && a.instruction == b.instruction
                    && a.status == b.status
                    && a.reason == b.reason
                    && a.expensive == b.expensive
                    && a.first_miss == b.first_miss
                    && a.layer == b.layer))
    }
}

/// One step of the stack.
#[function_component]
fn StepItem(p: &StepProps) -> Html {
    let s = p.row();
    let (line, on_goto) = (s.line, p.on_goto.clone());
    html! {
        <li class={classes!("step", s.status, s.first_miss.then_some("first-miss"), (!s.layer).then_some("meta"))}
            data-line={s.line.to_string()} data-status={s.status}>
            <button class="step-goto" title="select in the editor" onclick={move |_| on_goto.emit(line)}>
                <span class="st-status">{ s.label }</span>
                <span class="loc">{ s.line }</span>
                <code class="st-ins">{ &s.instruction }</code>
                if s.expensive { <span class="cost" title="a package install, compile or download">{"expensive"}</span> }
                if s.first_miss { <span class="first-miss-tag">{"first miss"}</span> }
            </button>
            if !s.reason.is_empty() { <p class="st-reason">{ &s.reason }</p> }
        </li>
    }
}
