//! The simulation as a text table per stage (the CLI's human output and the snapshot tests).

use super::{Simulation, Status};
use std::fmt::Write;

/// The widest instruction column.
const INSTRUCTION: usize = 44;

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width - 1).collect();
    format!("{cut}…")
}

impl Simulation {
    /// One table per stage (status, cost, instruction, reason), then the summary (led by where
    /// the build fails, when BuildKit refuses the Dockerfile), the reorder advice and the notes.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for (index, stage) in self.stages.iter().enumerate() {
            let name = if stage.name == index.to_string() {
                format!("#{index}")
            } else {
                format!("`{}`", stage.name)
            };
            let _ = match &stage.skipped {
                Some(why) => writeln!(out, "stage {name} (line {}): skipped, {why}", stage.line),
                None => writeln!(out, "stage {name} (line {})", stage.line),
            };
            if stage.skipped.is_some() {
                out.push('\n');
                continue;
            }
            for step in self.steps.iter().filter(|s| s.stage == index) {
                let _ = writeln!(
                    out,
                    "  {:>4}  {:<24}  {:<9}  {:<w$}  {}",
                    step.line,
                    step.status.as_str(),
                    if step.layer { step.cost.as_str() } else { "" },
                    clip(&step.instruction, INSTRUCTION),
                    step.reason,
                    w = INSTRUCTION
                );
            }
            out.push('\n');
        }
        let s = &self.summary;
        if let Some(line) = s.build_fails {
            let _ = writeln!(
                out,
                "the build fails at line {line}: BuildKit refuses the Dockerfile (see the notes); the steps are simulated as if it were fixed"
            );
        }
        let _ = write!(out, "{} of {} steps rebuilt", s.rebuilt, s.total);
        if s.may_rebuild > 0 {
            let _ = write!(out, ", {} may rebuild", s.may_rebuild);
        }
        if s.rebuilt_unless_identical > 0 {
            let _ = write!(
                out,
                ", {} rebuilt unless the files taken from a rebuilt stage are identical",
                s.rebuilt_unless_identical
            );
        }
        match s.first_miss {
            Some(line) => {
                let may = self
                    .steps
                    .iter()
                    .any(|st| st.line == line && st.layer && st.status != Status::Rebuilt);
                let verb = if may { "may break" } else { "breaks" };
                let _ = write!(out, "; the cache {verb} at line {line}");
            }
            None => out.push_str("; nothing breaks the cache"),
        }
        out.push('\n');
        if !s.expensive.is_empty() {
            let lines: Vec<String> = s
                .expensive
                .iter()
                .map(|line| {
                    let step = self.steps.iter().find(|st| st.line == *line && st.layer);
                    let status = step.map_or("", |st| match st.status {
                        Status::Rebuilt => "",
                        Status::MayRebuild => ", may",
                        _ => ", unless identical",
                    });
                    format!(
                        "line {line} ({}{status})",
                        step.map_or(String::new(), |st| clip(&st.instruction, 40))
                    )
                })
                .collect();
            let _ = writeln!(out, "expensive steps that run again: {}", lines.join(", "));
        }
        for a in &self.advice {
            let _ = writeln!(out, "advice (line {}): {}", a.line, a.message);
        }
        for n in &self.notes {
            let _ = writeln!(out, "note: {n}");
        }
        out
    }
}
