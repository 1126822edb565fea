//! The editor: a textarea over a backdrop of underlined lines and a gutter of line numbers
//! with markers, kept in step by one transform (see `App::sync_scroll`).

use super::*;

impl App {
    pub(super) fn view_editor(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let tab = self.active_tab();
        let text = &tab.text;
        let result = self.shown_result().map(|(r, _)| r);
        let all: &[Finding] = result.map_or(&[], |r| &r.findings);
        // Marks in a text of tens of thousands of lines cost the browser seconds of layout each
        // time they change: above `DRAW_LIMIT` the editor shows the text only (the results list
        // still works), and at most `SHOWN` findings are drawn.
        let big = text.len() > DRAW_LIMIT;
        let shown = if big { preview(text) } else { text.clone() };
        // Numbers for the lines the editor shows (a large file shows its preview).
        let lines = shown.split('\n').count().max(1);
        let findings = if big {
            &[]
        } else {
            &all[..all.len().min(SHOWN)]
        };

        // Gutter: line numbers, with a marker on lines that have findings. Per line: the worst
        // severity, the messages (for the marker's tooltip), the first finding.
        let mut worst: Vec<Option<(&'static str, String, usize)>> = vec![None; lines + 1];
        let rank = |s: &str| match s {
            "error" => 3,
            "warning" => 2,
            _ => 1,
        };
        for (i, f) in findings.iter().enumerate() {
            if let Some(slot) = worst.get_mut(f.line) {
                match slot {
                    Some((sev, msg, _)) => {
                        if rank(&f.severity) > rank(sev) {
                            *sev = severity_static(&f.severity);
                        }
                        if msg.len() < 2000 {
                            msg.push('\n');
                            msg.push_str(&f.code);
                            msg.push(' ');
                            msg.push_str(&f.message);
                        }
                    }
                    None => {
                        *slot = Some((
                            severity_static(&f.severity),
                            format!("{} {}", f.code, f.message),
                            i,
                        ))
                    }
                }
            }
        }
        let gutter: Html = if big {
            // The preview of a large file: numbers only, as one text.
            let mut numbers = String::new();
            for n in 1..=lines {
                numbers.push_str(&n.to_string());
                numbers.push('\n');
            }
            html! { { numbers } }
        } else {
            worst
                .into_iter()
                .enumerate()
                .skip(1)
                .map(|(n, slot)| {
                    let marker = slot.map(|(severity, title, first)| Marker {
                        severity,
                        title: title.into(),
                        first,
                    });
                    html! { <GutterLine n={n} marker={marker} on_goto={self.on_goto.clone()} /> }
                })
                .collect()
        };

        // Backdrop: the same text, with findings underlined, a component per line (keyed by its
        // content, so typing redraws one line and a new line moves none).
        let backdrop: Html = if big {
            Html::default()
        } else {
            let segments = model::segments(text, findings);
            let mut seen = std::collections::HashMap::<u64, u32>::new();
            model::marked_lines(text, &segments)
                .into_iter()
                .map(|line| {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    line.hash(&mut h);
                    let nth = seen.entry(h.finish()).or_insert(0);
                    *nth += 1;
                    nth.hash(&mut h);
                    html! {
                        <BackdropLine key={h.finish()} text={AttrValue::from(line.text.to_string())} marks={line.marks} />
                    }
                })
                .collect()
        };

        let here = findings
            .iter()
            .find(|f| f.start <= self.cursor && self.cursor <= f.end.max(f.start + 1));
        let on_cursor = link.callback(|e: Event| {
            let ta = e.target_unchecked_into::<HtmlTextAreaElement>();
            Msg::Cursor(ta.selection_start().ok().flatten().unwrap_or(0))
        });
        // Only keys that move the caret: reading the selection forces a layout, which typing
        // should not pay for.
        let on_key_cursor = link.batch_callback(|e: KeyboardEvent| {
            let moves = matches!(
                e.key().as_str(),
                "ArrowUp"
                    | "ArrowDown"
                    | "ArrowLeft"
                    | "ArrowRight"
                    | "Home"
                    | "End"
                    | "PageUp"
                    | "PageDown"
            );
            moves.then(|| {
                let ta = e.target_unchecked_into::<HtmlTextAreaElement>();
                Msg::Cursor(ta.selection_start().ok().flatten().unwrap_or(0))
            })
        });
        let on_undo_key = link.batch_callback(|e: KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                return None;
            }
            let redo = match e.key().to_ascii_lowercase().as_str() {
                "z" => e.shift_key(),
                "y" => true,
                _ => return None,
            };
            // Decided here, in the event: the browser's own undo must not run as well.
            e.prevent_default();
            Some(Msg::Undo(redo))
        });
        let on_click_cursor = link.callback(|e: MouseEvent| {
            let ta = e.target_unchecked_into::<HtmlTextAreaElement>();
            Msg::Cursor(ta.selection_start().ok().flatten().unwrap_or(0))
        });
        html! {
            <section class="editor-pane" aria-label="editor">
                <div class="editor">
                    <pre class="gutter" aria-hidden="true"><div class="layer" ref={self.gutter.clone()}>{ gutter }{"\n"}</div></pre>
                    <div class="code">
                        <pre class="backdrop" aria-hidden="true"><div class="layer" ref={self.backdrop.clone()}>{ backdrop }{" "}</div></pre>
                        <textarea id="src" ref={self.textarea.clone()} spellcheck="false" wrap="off"
                            autocapitalize="off" autocomplete="off"
                            aria-label={format!("contents of {}", tab.path)}
                            value={shown}
                            readonly={big}
                            onpaste={link.batch_callback(|e: Event| on_paste(e).map(|text| Msg::Edit(text, "insertFromPaste".into())))}
                            oninput={link.callback(|e: InputEvent| Msg::Edit(e.target_unchecked_into::<HtmlTextAreaElement>().value(), e.input_type()))}
                            onkeydown={on_undo_key}
                            onscroll={link.callback(|_: Event| Msg::Scrolled)}
                            onselect={on_cursor}
                            onkeyup={on_key_cursor}
                            onclick={on_click_cursor} />
                    </div>
                </div>
                <p class="hint" id="hint" aria-live="polite">
                    if big {
                        { format!("{}: large file ({} KB), underlines and gutter markers are off; the findings list works.", tab.path, text.len() / 1024) }
                    } else if let Some(f) = here {
                        <span class={classes!("sev", severity_static(&f.severity))}>{ &f.severity }</span>
                        {" "}<b>{ &f.code }</b>{" "}{ &f.message }
                    } else {
                        { format!("{} — {}. F8: next finding.", tab.path, model::kind_label(&tab.path)) }
                    }
                </p>
            </section>
        }
    }
}

/// A paste that makes the text too large to edit in place is taken over (the browser would lay
/// out every pasted line first): the new text goes to the model, the editor shows its preview.
fn on_paste(e: Event) -> Option<String> {
    let e: web_sys::ClipboardEvent = e.dyn_into().ok()?;
    let pasted = e.clipboard_data()?.get_data("text/plain").ok()?;
    let ta = e.target()?.dyn_into::<HtmlTextAreaElement>().ok()?;
    let current = ta.value();
    if pasted.len() + current.len() <= DRAW_LIMIT {
        return None;
    }
    e.prevent_default();
    let start = model::byte_index(&current, ta.selection_start().ok().flatten().unwrap_or(0));
    let end = model::byte_index(&current, ta.selection_end().ok().flatten().unwrap_or(0));
    let (start, end) = (start.min(end), start.max(end));
    Some(format!("{}{pasted}{}", &current[..start], &current[end..]))
}

/// A gutter marker: the worst severity on the line, every message on it, the first finding.
#[derive(Clone, PartialEq)]
struct Marker {
    severity: &'static str,
    title: AttrValue,
    first: usize,
}

#[derive(Properties, PartialEq)]
struct GutterLineProps {
    n: usize,
    marker: Option<Marker>,
    on_goto: Callback<usize>,
}

/// One line number of the gutter, with its marker. Every line is drawn alike (a marker is a
/// class and a title on it), so a marker moving to another line changes attributes instead of
/// replacing elements.
#[function_component]
fn GutterLine(p: &GutterLineProps) -> Html {
    match &p.marker {
        None => html! { <><span data-line={p.n.to_string()}>{ p.n }</span>{"\n"}</> },
        Some(m) => {
            let first = m.first;
            let on_goto = p.on_goto.clone();
            html! {
                <><span class={classes!("gm", m.severity)} title={m.title.clone()} data-line={p.n.to_string()}
                    onclick={move |_| on_goto.emit(first)}>{ p.n }</span>{"\n"}</>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct BackdropLineProps {
    text: AttrValue,
    marks: Vec<(usize, usize, &'static str)>,
}

/// One line of the text under the editor, its findings underlined.
#[function_component]
fn BackdropLine(p: &BackdropLineProps) -> Html {
    let text = p.text.as_str();
    let mut parts: Vec<Html> = Vec::with_capacity(2 * p.marks.len() + 2);
    let mut at = 0;
    for &(start, end, severity) in &p.marks {
        if start > at {
            parts.push(html! { { text[at..start].to_string() } });
        }
        parts.push(html! { <mark class={severity}>{ text[start..end].to_string() }</mark> });
        at = end;
    }
    parts.push(html! { { format!("{}\n", &text[at..]) } });
    parts.into_iter().collect()
}
