//! The command line, on top of the library: [`args`] declares it (clap types only, whose doc
//! comments are `--help`; they never reach the library), [`commands`] runs each command and is
//! the one place that speaks of flags, [`output`] prints result tables, [`progress`] shows a
//! build or a push as it goes.

pub mod args;
pub mod commands;
pub mod output;
pub mod progress;
