//! The commands behind the command line. Errors carry their context (`anyhow`) and print whole.

use crate::cli::{Command, ExportFormat, Format, StoreArgs};
use anyhow::{bail, Context, Result};
use normgraph::ingest::{self, Outcome};
use normgraph::rdf::Iris;
use normgraph::{report, store, vocab};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
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
            let r = report::consistency(&s).map_err(anyhow::Error::msg)?;
            print_report(&r);
            Ok(if r.is_clean() { 0 } else { 1 })
        }
        Command::Query {
            name,
            list,
            params,
            format,
            explain,
            store,
        } => {
            if list {
                for c in normgraph::queries::catalogue() {
                    println!("{:<44} {}", c.synopsis(), c.description);
                }
                return Ok(0);
            }
            let canned = normgraph::queries::find(name.as_deref().unwrap_or_default())?;
            // Parameters are checked before the store is opened: a bad value is the user's to mend.
            let bound = canned.bind(&params, normgraph::states::StateTable::bundled())?;
            let s = open_for_queries(&store)?;
            let started = Instant::now();
            let table = if explain {
                let (table, plan) = canned.explain(&s, bound)?;
                eprintln!("{plan}");
                eprintln!(
                    "{}: {} rows in {:.2} ms",
                    canned.name,
                    table.rows.len(),
                    started.elapsed().as_secs_f64() * 1e3
                );
                table
            } else {
                canned.run_bound(&s, bound)?
            };
            let mut out = std::io::stdout().lock();
            crate::output::write(&table, crate::output::resolve(format), &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Command::Sparql {
            query,
            file,
            format,
            store,
        } => {
            let query = match (query, file) {
                (Some(q), None) => q,
                (None, Some(f)) if f.as_os_str() == "-" => {
                    let mut q = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut q)
                        .context("reading the query from standard input")?;
                    q
                }
                (None, Some(f)) => std::fs::read_to_string(&f)
                    .with_context(|| format!("reading {}", f.display()))?,
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
        } => {
            let query_timeout = seconds("--query-timeout", query_timeout)?;
            let s = open_for_queries(&store)?;
            let config = normgraph::server::Config {
                query_timeout,
                max_concurrent,
                max_answer: max_answer_mib << 20,
                public_base: base,
                ..Default::default()
            };
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the runtime")?
                .block_on(normgraph::server::serve(s, config, &bind))
                .with_context(|| format!("serving on {bind}"))?;
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
            let credentials = match (token, user, password) {
                (Some(t), _, _) => normgraph::push::Credentials::Bearer(t),
                (None, Some(user), Some(password)) => {
                    normgraph::push::Credentials::User { user, password }
                }
                _ => normgraph::push::Credentials::None,
            };
            let remote = normgraph::push::Remote {
                url: to,
                credentials,
                retries,
                backoff: std::time::Duration::from_millis(500),
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
            let remote = normgraph::push::Remote {
                url: source,
                credentials: normgraph::push::Credentials::None,
                retries,
                backoff: std::time::Duration::from_millis(500),
                timeout: seconds("--timeout", timeout)?,
            };
            let mut written = 0;
            for symbol in &symbols {
                for f in normgraph::fetch::fetch(&remote, symbol, &lang, &data)? {
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
        Command::Extract { file } => {
            let (x, hash) = ingest::extract_file(
                &file,
                normgraph::states::StateTable::bundled(),
                normgraph::tables::Tables::bundled(),
            )
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

fn build(
    data: PathBuf,
    store_args: StoreArgs,
    prune: bool,
    base: &str,
    verbose: bool,
) -> Result<i32> {
    let started = Instant::now();
    let iris = Iris::new(base).map_err(anyhow::Error::msg)?;
    let path = store_path(&store_args);
    let s =
        store::open(&path).with_context(|| format!("opening the store at {}", path.display()))?;
    let mut shown = crate::progress::Progress::new(verbose);
    let summary = ingest::build(&s, &data, &iris, prune, |step| shown.step(step))
        .map_err(anyhow::Error::msg)?;
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
    let r = report::consistency(&s).map_err(anyhow::Error::msg)?;
    print_report(&r);
    tracing::info!(secs = started.elapsed().as_secs_f64(), "consistency report");
    let (violations, constraints) = normgraph::shapes::validate(&s, normgraph::shapes::SHAPES_TTL)
        .map_err(anyhow::Error::msg)?;
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
    let count = |f: fn(&Outcome) -> bool| summary.files.iter().filter(|(_, o)| f(o)).count();
    println!(
        "build: {} documents ({} ingested, {} unchanged, {} failed), {} triples ({} quads in source graphs) in {}, {} warnings, {:.2} s",
        summary.files.len(),
        count(|o| matches!(o, Outcome::Ingested { .. })),
        count(|o| matches!(o, Outcome::Unchanged { .. })),
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
    if summary.inferred.recomputed {
        println!(
            "inferred: {} RDFS entailments (graph ng:InferredFacts)",
            summary.inferred.triples
        );
    }
    let refusals = summary.refusals_by_reason();
    if !refusals.is_empty() {
        println!("refused: {} files, by reason:", summary.failed());
        for (kind, files) in &refusals {
            println!("  {:>5} × {kind}", files.len());
            for (path, reason) in files {
                println!("          {}: {reason}", path.display());
            }
        }
    }
    Ok(if summary.failed() > 0 || !violations.is_empty() {
        1
    } else {
        0
    })
}

fn print_report(r: &report::Report) {
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
}

fn open_for_queries(store_args: &StoreArgs) -> Result<oxigraph::store::Store> {
    let path = store_path(store_args);
    if !path.exists() {
        bail!(
            "no store at {} (run `normgraph build` first, or give --store)",
            path.display()
        );
    }
    store::open_read_only(&path).with_context(|| format!("opening the store at {}", path.display()))
}

fn sparql(query: &str, format: Option<Format>, store_args: &StoreArgs) -> Result<i32> {
    let s = open_for_queries(store_args)?;
    let mut evaluator = SparqlEvaluator::new();
    for (p, ns) in vocab::PREFIXES {
        evaluator = evaluator.with_prefix(p, ns).context("prefix")?;
    }
    // The default graph is the merge of the named graphs (one per source file, see `store`);
    // GRAPH still reaches each of them.
    let prepared = evaluator.parse_query(query).context("parsing the query")?;
    let results = prepared
        .on_store(&s)
        .execute()
        .context("running the query")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let format = crate::output::resolve(format);
    match results {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let mut table = normgraph::queries::Table {
                columns: vars.iter().map(|v| v.as_str().to_owned()).collect(),
                rows: Vec::new(),
            };
            for s in solutions {
                let s = s?;
                table
                    .rows
                    .push(vars.iter().map(|v| s.get(v).cloned()).collect());
            }
            crate::output::write(&table, format, &mut out)?;
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
    let s = open_for_queries(store_args)?;
    let graphs = export::graphs_named_all(&s, selected)?;
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
    let dump = export::write_file(&s, format, &graphs, canonical, &path, vocab::DEFAULT_BASE)?;
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

fn push(
    remote: &normgraph::push::Remote,
    selected: &[String],
    force: bool,
    store_args: &StoreArgs,
) -> Result<i32> {
    use normgraph::push::Action;
    let s = open_for_queries(store_args)?;
    let graphs = normgraph::export::graphs_named_all(&s, selected)?;
    let state = normgraph::push::state_path(&store_path(store_args));
    let started = Instant::now();
    let mut bar = crate::progress::Counter::new("graphs");
    let report = normgraph::push::push(&s, remote, &graphs, &state, force, |step| {
        let what = match step.action {
            Action::Pushed { triples, .. } => {
                format!("pushed    {} ({triples} triples)", step.graph)
            }
            Action::Skipped { .. } => format!("unchanged {}", step.graph),
            Action::Deleted => format!("deleted   {}", step.graph),
        };
        bar.step(step.done, step.total, &what);
    })
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
