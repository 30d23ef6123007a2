//! `normgraph`: parse the command line, run it, map the outcome to an exit code.

use clap::Parser;

mod cli;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("NORMGRAPH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = cli::args::Cli::parse();
    match cli::commands::run(cli.command) {
        Ok(code) => std::process::exit(code),
        // A reader that stopped early (`| head`) is not an error.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            std::process::exit(0)
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::exit(2);
        }
    }
}
