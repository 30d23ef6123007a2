//! What a long build shows while it runs: a progress bar on a terminal; on anything else (CI, a
//! pipe, a log file) a plain line every tenth of the way or every 15 seconds. Refused files are
//! always printed as they come; every file with `--verbose`.

use indicatif::{ProgressBar, ProgressStyle};
use normgraph::ingest::{Outcome, Step};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A bar, hidden until its first step, when standard error is a terminal and `CI` is not set.
fn hidden_bar() -> Option<ProgressBar> {
    let terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    terminal.then(ProgressBar::hidden)
}

/// Shows a hidden bar on standard error, `total` long, drawn from `template`.
fn show(bar: &ProgressBar, total: usize, template: &str) {
    if bar.is_hidden() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_length(total as u64);
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("valid template")
                .progress_chars("=> "),
        );
    }
}

pub struct Progress {
    bar: Option<ProgressBar>,
    verbose: bool,
    started: Instant,
    last_line: Instant,
    last_tenth: usize,
}

impl Progress {
    /// A bar when standard error is a terminal and `CI` is not set.
    pub fn new(verbose: bool) -> Self {
        Self {
            bar: hidden_bar(),
            verbose,
            started: Instant::now(),
            last_line: Instant::now(),
            last_tenth: 0,
        }
    }

    pub fn step(&mut self, step: Step<'_>) {
        let line = match step.outcome {
            Outcome::Failed(reason) => Some(format!("FAILED    {}: {reason}", step.path.display())),
            Outcome::Ingested { graph, triples } if self.verbose => Some(format!(
                "ingested  {} → {graph} ({triples} triples)",
                step.path.display()
            )),
            Outcome::Unchanged { graph } if self.verbose => {
                Some(format!("unchanged {} → {graph}", step.path.display()))
            }
            Outcome::Copy { of } => Some(format!(
                "copy      {}: the same bytes as {}, read once",
                step.path.display(),
                of.display()
            )),
            _ => None,
        };
        match &self.bar {
            Some(bar) => {
                show(
                    bar,
                    step.total,
                    "{elapsed_precise} [{bar:40}] {pos}/{len} files ({per_sec}, {eta} left) {msg}",
                );
                if let Some(line) = line {
                    bar.println(line);
                }
                bar.set_position(step.done as u64);
                bar.set_message(
                    step.path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
            }
            None => {
                if let Some(line) = line {
                    eprintln!("{line}");
                }
                let tenth = step.done * 10 / step.total.max(1);
                if tenth > self.last_tenth
                    || self.last_line.elapsed() >= Duration::from_secs(15)
                    || step.done == step.total
                {
                    eprintln!(
                        "build: {}/{} files ({}%), {:.1} s",
                        step.done,
                        step.total,
                        step.done * 100 / step.total.max(1),
                        self.started.elapsed().as_secs_f64()
                    );
                    self.last_tenth = tenth;
                    self.last_line = Instant::now();
                }
            }
        }
    }

    /// Clears the bar, once the files are done.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A count of things done (graphs pushed...): a bar on a terminal, a line a step elsewhere.
pub struct Counter {
    bar: Option<ProgressBar>,
    unit: &'static str,
}

impl Counter {
    pub fn new(unit: &'static str) -> Self {
        Self {
            bar: hidden_bar(),
            unit,
        }
    }

    pub fn step(&mut self, done: usize, total: usize, line: &str) {
        match &self.bar {
            Some(bar) => {
                show(
                    bar,
                    total,
                    &format!(
                        "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {} {{msg}}",
                        self.unit
                    ),
                );
                bar.set_position(done as u64);
                bar.set_message(line.to_owned());
            }
            None => eprintln!("[{done}/{total}] {line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
