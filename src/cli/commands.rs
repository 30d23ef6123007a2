//! The commands behind the command line, one function each. Errors carry their context
//! (`anyhow`) and print whole; this is the one layer that speaks of flags (`-p`, `--graph`,
//! `--lang`, `--user`...): the library's errors say what went wrong, the hints here say what
//! to type instead.

use super::args::{Command, ExportFormat, Format, StoreArgs};
use super::output;
use super::progress;
use anyhow::{bail, Context, Result};
use normgraph::check::{self, Consistency};
use normgraph::ingest::{self, BuildSummary, Outcome};
use normgraph::query::sparql::{self, Rows};
use normgraph::query::{self, QueryError};
use normgraph::rdf::Iris;
use normgraph::reference::curated::Curated;
use normgraph::reference::states::StateTable;
use normgraph::remote::{self, Credentials, HttpError, Remote};
use normgraph::store;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// A flag's number of seconds, which must be positive.
fn seconds(flag: &str, value: f64) -> Result<std::time::Duration> {
    if !(value.is_finite() && value > 0.0) {
        bail!("{flag} must be a positive number of seconds");
    }
    Ok(std::time::Duration::from_secs_f64(value))
}

/// Runs a command; the number returned is the process exit code.
pub fn run(command: Command) -> Result<i32> {
    match command {
        Command::Build {
            data,
            store,
            prune,
            base,
            verbose,
        } => build(data, store, prune, &base, verbose),
        Command::Report { store } => {
            let s = store::open_read_only(&store_path(&store)).context("opening the store")?;
            let r = check::consistency(&s)?;
            print_consistency(&r);
            Ok(if !r.is_clean() {
                1
            } else if !r.unresolved_names.is_empty() {
                NEEDS_A_LOOK
            } else {
                0
            })
        }
        Command::Query {
            name,
            list,
            params,
            format,
            explain,
            store,
        } => canned(name, list, &params, format, explain, &store),
        Command::Sparql {
            query,
            file,
            format,
            store,
        } => {
            let query = match (query, file) {
                (Some(q), None) => q,
                (None, Some(f)) if f.as_os_str() == "-" => {
                    read_query(std::io::stdin(), "standard input")?
                }
                (None, Some(f)) => read_query(
                    std::fs::File::open(&f).with_context(|| format!("reading {}", f.display()))?,
                    &f.display().to_string(),
                )?,
                _ => bail!("give a query, or --file"),
            };
            sparql(&query, format, &store)
        }
        Command::Serve {
            store,
            bind,
            query_timeout,
            max_concurrent,
            max_answer_mib,
            base,
            query_memory_mib,
            request_timeout,
            max_connections,
            stall_timeout,
        } => {
            let config = normgraph::server::Config {
                query_timeout: seconds("--query-timeout", query_timeout)?,
                max_concurrent,
                max_answer: max_answer_mib << 20,
                public_base: base,
                request_timeout: seconds("--request-timeout", request_timeout)?,
                max_connections: max_connections.max(1),
                stall_timeout: seconds("--stall-timeout", stall_timeout)?,
                isolation: Some(normgraph::server::isolate::Isolation {
                    program: std::env::current_exe().context("finding the normgraph binary")?,
                    store: store_path(&store),
                    max_memory: query_memory_mib << 20,
                }),
                ..Default::default()
            };
            serve(config, &store, &bind)
        }
        Command::QueryWorker { store, memory_mib } => {
            normgraph::server::isolate::run_worker(&store, memory_mib << 20)
                .map_err(|e| anyhow::anyhow!(e))?;
            Ok(0)
        }
        Command::Export {
            format,
            graph,
            canonical,
            output,
            store,
        } => export(format, &graph, canonical, output, &store),
        Command::Push {
            to,
            token,
            user,
            password,
            graph,
            force,
            retries,
            timeout,
            store,
        } => {
            // A user and password in the URL are taken out of it: never printed, never kept.
            let (to, in_url) = normgraph::remote::http::split_credentials(&to);
            let credentials = match (token, user, password, in_url) {
                (Some(t), _, _, _) => Credentials::Bearer(t),
                (None, Some(user), Some(password), _) => Credentials::User { user, password },
                (None, None, None, Some((user, password))) => Credentials::User { user, password },
                _ => Credentials::None,
            };
            let remote = Remote {
                url: to,
                credentials,
                retries,
                backoff: Remote::BACKOFF,
                timeout: seconds("--timeout", timeout)?,
            };
            push(&remote, &graph, force, &store)
        }
        Command::Fetch {
            symbols,
            lang,
            source,
            data,
            retries,
            timeout,
        } => {
            let remote = Remote {
                url: source,
                credentials: Credentials::None,
                retries,
                backoff: Remote::BACKOFF,
                timeout: seconds("--timeout", timeout)?,
            };
            fetch(&remote, &symbols, &lang, &data)
        }
        Command::Extract { file } => {
            let (x, hash) = ingest::extract_file(&file, StateTable::bundled(), Curated::bundled())
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            println!("# {} (sha256 {hash})", file.display());
            print!("{}", x.to_text());
            Ok(0)
        }
    }
}

fn store_path(args: &StoreArgs) -> PathBuf {
    args.path.clone().unwrap_or_else(store::default_store_path)
}

/// The store `query`, `sparql`, `export`, `push` and `serve` read, opened as the bench opens it
/// ([`normgraph::query::open()`]).
fn open_for_queries(store_args: &StoreArgs) -> Result<normgraph::query::Opened> {
    Ok(normgraph::query::open(&store_path(store_args))?)
}

/// A query error, with what to type instead.
fn with_hint(e: QueryError) -> anyhow::Error {
    let hint = match &e {
        QueryError::Unknown(_) => " (`normgraph query --list` lists them)".to_owned(),
        QueryError::Missing { param, .. } => format!("; give it as -p {param}=VALUE"),
        _ => String::new(),
    };
    anyhow::anyhow!("{e}{hint}")
}

fn canned(
    name: Option<String>,
    list: bool,
    params: &[(String, String)],
    format: Option<Format>,
    explain: bool,
    store: &StoreArgs,
) -> Result<i32> {
    if list {
        for c in query::catalogue() {
            println!("{:<44} {}", c.synopsis(), c.description);
        }
        return Ok(0);
    }
    let canned = query::find(name.as_deref().unwrap_or_default()).map_err(with_hint)?;
    // Parameters are checked before the store is opened: a bad value is the user's to mend.
    let bound = canned
        .bind(params, StateTable::bundled())
        .map_err(with_hint)?;
    let opened = open_for_queries(store)?;
    let s = &opened.store;
    canned.check_documents(s, &bound).map_err(with_hint)?;
    let started = Instant::now();
    let rows = if explain {
        let (rows, plan) = canned.explain(s, bound).map_err(with_hint)?;
        eprintln!("{plan}");
        eprintln!(
            "{}: {} rows in {:.2} ms",
            canned.name,
            rows.rows.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        rows
    } else {
        canned
            .run_with(s, opened.tables, bound)
            .map_err(with_hint)?
    };
    let mut out = std::io::stdout().lock();
    output::write(&rows, output::resolve(format), &mut out)?;
    out.flush()?;
    Ok(0)
}

fn serve(config: normgraph::server::Config, store: &StoreArgs, bind: &str) -> Result<i32> {
    let opened = open_for_queries(store)?;
    if opened.tables == normgraph::query::answers::Tables::Stale {
        eprintln!("normgraph: {}", normgraph::query::answers::STALE);
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?
        .block_on(normgraph::server::serve(opened, config, bind))
        .with_context(|| format!("serving on {bind}"))?;
    Ok(0)
}

fn build(
    data: PathBuf,
    store_args: StoreArgs,
    prune: bool,
    base: &str,
    verbose: bool,
) -> Result<i32> {
    let started = Instant::now();
    let iris = Iris::new(base)?;
    let path = store_path(&store_args);
    // RocksDB makes the store's own folder, not the folders above it.
    std::fs::create_dir_all(&path)
        .with_context(|| format!("making the folder of the store at {}", path.display()))?;
    let s =
        store::open(&path).with_context(|| format!("opening the store at {}", path.display()))?;
    let mut shown = progress::Progress::new(verbose);
    let summary = ingest::build(&s, &data, &iris, prune, |step| shown.step(step))?;
    shown.finish();
    s.flush().context("flushing the store")?;
    for (graph, file) in &summary.stale {
        if summary.pruned {
            eprintln!(
                "removed   {graph} (its file {file} is no longer in {})",
                data.display()
            );
        } else {
            eprintln!(
                "stale     {graph}: its file {file} is not in {} (kept; --prune removes it)",
                data.display()
            );
        }
    }
    for (file, w) in &summary.warnings {
        eprintln!("warning: {}: {w}", file.display());
    }
    tracing::info!(secs = started.elapsed().as_secs_f64(), "built");
    eprintln!("checking the graph: consistency report and SHACL shapes…");
    let r = check::consistency(&s)?;
    print_consistency(&r);
    tracing::info!(secs = started.elapsed().as_secs_f64(), "consistency report");
    let (violations, constraints) = check::shapes::validate(&s, check::shapes::SHAPES_TTL)?;
    tracing::info!(secs = started.elapsed().as_secs_f64(), "shapes checked");
    println!(
        "shapes: {constraints} constraints of ontology/shapes.ttl, {} violations",
        violations.len()
    );
    for v in violations.iter().take(20) {
        println!(
            "  SHACL  {} {}: {} ({})",
            v.focus, v.path, v.message, v.shape
        );
    }
    print_summary(&summary, &path, started);
    Ok(if summary.failed() > 0 || !violations.is_empty() {
        1
    } else if !r.unresolved_names.is_empty() {
        NEEDS_A_LOOK
    } else {
        0
    })
}

/// The exit code of a build (or report) that lost nothing but kept names that denote no known
/// State: everything is in the graph, and something needs a look.
pub const NEEDS_A_LOOK: i32 = 3;

fn print_summary(summary: &BuildSummary, path: &std::path::Path, started: Instant) {
    let count = |f: fn(&Outcome) -> bool| summary.files.iter().filter(|(_, o)| f(o)).count();
    println!(
        "build: {} documents ({} ingested, {} unchanged, {} copies, {} failed), {} triples ({} quads in source graphs) in {}, {} warnings, {:.2} s",
        summary.files.len(),
        count(|o| matches!(o, Outcome::Ingested { .. })),
        count(|o| matches!(o, Outcome::Unchanged { .. })),
        count(|o| matches!(o, Outcome::Copy { .. })),
        summary.failed(),
        summary.merged_triples,
        summary.source_quads,
        path.display(),
        summary.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    let d = &summary.derived;
    if d.recomputed {
        println!(
            "derived: {} citation paths, {} vote events counted, {} State pairs, {} quads",
            d.citation_paths, d.vote_events, d.state_pairs, d.quads
        );
    }
    let a = &summary.answered;
    if a.recomputed {
        let keys: usize = a.questions.iter().map(|(_, k, ..)| k).sum();
        println!(
            "answers: {} tables of {} canned questions, {:.1} MB of rows (graph ng:CannedAnswers)",
            keys,
            a.questions.len(),
            a.bytes as f64 / 1e6
        );
    }
    if summary.inferred.recomputed {
        println!(
            "inferred: {} RDFS entailments (graph ng:InferredFacts)",
            summary.inferred.triples
        );
    }
    let refusals = summary.refusals_by_kind();
    if !refusals.is_empty() {
        println!("refused: {} files, by reason:", summary.failed());
        for (kind, files) in &refusals {
            println!("  {:>5} × {}", files.len(), kind.describe());
            for (path, refusal) in files {
                println!("          {}: {refusal}", path.display());
            }
        }
    }
}

fn print_consistency(r: &Consistency) {
    println!(
        "consistency: {} recorded votes ({} as the source files give them), {} documents read from more than one source",
        r.vote_events, r.vote_records_checked, r.multi_source_documents
    );
    if r.total_mismatches.is_empty() {
        println!("  in every source file, the printed totals agree with the State lists");
    }
    for m in &r.total_mismatches {
        println!("  TOTALS    {m}");
    }
    for m in &r.sponsor_defections {
        println!("  sponsor who did not vote yes: {m}");
    }
    if r.source_disagreements.is_empty() {
        println!("  the sources of each document agree");
    }
    for m in &r.source_disagreements {
        println!("  DISAGREE  {m}");
    }
    for m in &r.committee_to_plenary {
        println!("  committee → plenary: {m}");
    }
    if !r.unresolved_names.is_empty() {
        println!(
            "  {} names denote no State normgraph knows (kept as printed, without a State; a name a source justifies belongs in data/states/aliases.tsv):",
            r.unresolved_names.len()
        );
    }
    for m in &r.unresolved_names {
        println!("  UNKNOWN   {m}");
    }
}

/// A query read from `from`, up to [`normgraph::query::guard::MAX_QUERY_BYTES`]: an endless
/// file (a device, a FIFO that never closes) is refused at the limit, not read for ever.
fn read_query(from: impl std::io::Read, name: &str) -> Result<String> {
    use normgraph::query::guard::MAX_QUERY_BYTES;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut from.take(MAX_QUERY_BYTES as u64 + 1), &mut bytes)
        .with_context(|| format!("reading the query from {name}"))?;
    if bytes.len() > MAX_QUERY_BYTES {
        bail!(
            "reading the query from {name}: it is longer than {} MiB, the most a query may be",
            MAX_QUERY_BYTES >> 20
        );
    }
    String::from_utf8(bytes).with_context(|| format!("reading the query from {name}: not UTF-8"))
}

fn sparql(query: &str, format: Option<Format>, store_args: &StoreArgs) -> Result<i32> {
    let s = open_for_queries(store_args)?.store;
    normgraph::query::guard::on_query_stack(|| run_sparql(&s, query, format))
}

/// [`sparql`]'s work, on the query stack: parse, evaluate, write.
fn run_sparql(s: &oxigraph::store::Store, query: &str, format: Option<Format>) -> Result<i32> {
    let results = sparql::prepare(query, &sparql::Options::with_prefixes())?
        .on_store(s)
        .execute()
        .context("running the query")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let format = output::resolve(format);
    match results {
        QueryResults::Solutions(solutions) => {
            let rows = Rows::collect(solutions, None, None)?;
            output::write(&rows, format, &mut out)?;
            out.flush()?;
        }
        QueryResults::Boolean(b) => {
            if format == Format::Json {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(&mut out, b)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{b}")?;
            }
            out.flush()?;
        }
        QueryResults::Graph(triples) => {
            let mut w = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples)
                .for_writer(out);
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            w.finish()?.flush()?;
        }
    }
    Ok(0)
}

/// The graphs `--graph` names, or an error that says what the flag takes.
fn graphs_named(
    s: &oxigraph::store::Store,
    selected: &[String],
) -> Result<Vec<oxigraph::model::NamedNode>> {
    normgraph::export::graphs_named_all(s, selected).map_err(|e| match e {
        normgraph::export::ExportError::NoGraph(_) => anyhow::anyhow!("--graph {e}"),
        other => other.into(),
    })
}

fn export(
    format: ExportFormat,
    selected: &[String],
    canonical: bool,
    output: Option<PathBuf>,
    store_args: &StoreArgs,
) -> Result<i32> {
    use normgraph::export::{self, DumpFormat};
    if canonical && !matches!(format, ExportFormat::Nq | ExportFormat::Nt) {
        bail!(
            "--canonical writes N-Quads (RDFC-1.0): of every named graph with --format nq (the \
             default), of the merged graph with --format nt; not --format {}",
            clap::ValueEnum::to_possible_value(&format)
                .map_or_else(String::new, |v| v.get_name().to_owned())
        );
    }
    let format = match format {
        ExportFormat::Nq => DumpFormat::NQuads,
        ExportFormat::Trig => DumpFormat::TriG,
        ExportFormat::Ttl => DumpFormat::Turtle,
        ExportFormat::Nt => DumpFormat::NTriples,
        ExportFormat::Rdfxml => DumpFormat::RdfXml,
        ExportFormat::Jsonld => DumpFormat::JsonLd,
    };
    let s = open_for_queries(store_args)?.store;
    let graphs = graphs_named(&s, selected)?;
    let started = Instant::now();
    let Some(path) = output else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let written = if canonical {
            let (sha, written) = export::write_canonical(&s, format, &graphs, &mut out)?;
            eprintln!("sha256 {sha} (RDFC-1.0 canonical N-Quads)");
            written
        } else {
            export::write(&s, format, &graphs, &mut out)?
        };
        out.flush()?;
        eprintln!(
            "{} statements from {} graph(s) in {:.2} s",
            written.statements,
            written.graphs,
            started.elapsed().as_secs_f64()
        );
        return Ok(0);
    };
    let dump = export::write_file(
        &s,
        format,
        &graphs,
        canonical,
        &path,
        normgraph::rdf::DEFAULT_BASE,
    )?;
    eprintln!(
        "{}: {} statements from {} graph(s) in {:.2} s; canonical sha256 {}; described in {}",
        path.display(),
        dump.written.statements,
        dump.written.graphs,
        started.elapsed().as_secs_f64(),
        dump.canonical_sha256,
        dump.description.display()
    );
    Ok(0)
}

/// A push error, with what to type instead.
fn push_hint(e: remote::push::PushError) -> anyhow::Error {
    let hint = match &e {
        remote::push::PushError::Http(HttpError::Refused { status, .. }) => match status {
            401 => " Check --user and --password, or --token.",
            403 => " The credentials of --user or --token may not write graphs there.",
            404 => " Is --to the remote's Graph Store endpoint?",
            _ => "",
        },
        _ => "",
    };
    anyhow::anyhow!("{e}{hint}")
}

fn push(remote: &Remote, selected: &[String], force: bool, store_args: &StoreArgs) -> Result<i32> {
    use normgraph::remote::push::Action;
    let s = open_for_queries(store_args)?.store;
    let graphs = graphs_named(&s, selected)?;
    let record = normgraph::remote::push::record_path(&store_path(store_args));
    let started = Instant::now();
    let mut bar = progress::Counter::new("graphs");
    let report = normgraph::remote::push::push(&s, remote, &graphs, &record, force, |step| {
        let what = match step.action {
            Action::Pushed { triples, .. } => {
                format!("pushed    {} ({triples} triples)", step.graph)
            }
            Action::Skipped { .. } => format!("unchanged {}", step.graph),
            Action::Deleted => format!("deleted   {}", step.graph),
        };
        bar.step(step.done, step.total, &what);
    })
    .map_err(push_hint)
    .with_context(|| format!("pushing to {}", remote.url))?;
    bar.finish();
    let pushed = report.count(|a| matches!(a, Action::Pushed { .. }));
    let skipped = report.count(|a| matches!(a, Action::Skipped { .. }));
    let deleted = report.count(|a| matches!(a, Action::Deleted));
    let bytes: usize = report
        .graphs
        .iter()
        .map(|(_, a)| match a {
            Action::Pushed { bytes, .. } => *bytes,
            _ => 0,
        })
        .sum();
    println!(
        "push: {pushed} graphs pushed ({:.1} MB), {skipped} unchanged, {deleted} deleted, {} repaired, {} retries; \
         {} graphs counted on the remote, all equal to ours; {:.2} s",
        bytes as f64 / 1e6,
        report.repaired.len(),
        report.retried,
        report.checked,
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn fetch(
    remote: &Remote,
    symbols: &[String],
    lang: &[String],
    data: &std::path::Path,
) -> Result<i32> {
    use normgraph::remote::fetch::FetchError;
    let mut written = 0;
    for symbol in symbols {
        let fetched = remote::fetch::fetch(remote, symbol, lang, data).map_err(|e| match e {
            FetchError::Language(_) => anyhow::anyhow!("--lang: {e}"),
            other => other.into(),
        })?;
        for f in fetched {
            println!(
                "{} {} ({}) → {} (sha256 {})",
                if f.new { "fetched  " } else { "unchanged" },
                f.symbol,
                f.language,
                f.path.display(),
                &f.sha256[..16]
            );
            written += usize::from(f.new);
        }
    }
    if written > 0 {
        println!(
            "{written} new file(s): run `normgraph build --data {}` to add them to the graph",
            data.display()
        );
    }
    Ok(0)
}
