//! The command line, declared apart: clap types only; their doc comments are `--help`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Build and query the knowledge graph of how States govern cyberspace at the United Nations.
#[derive(Debug, Parser)]
#[command(name = "normgraph", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest a folder of UN documents into the on-disk store, one named graph per file.
    ///
    /// Each file is ingested whole or not at all; unchanged files are skipped. Ends with a
    /// summary and the consistency report; exits with 1 if any file was refused.
    Build {
        /// The folder of documents: plain text of UN PDFs (*.txt, French or English) and the
        /// UN's Akoma Ntoso XML (*.xml, any of the six languages), in any subfolder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
        /// Remove the graphs of files that are no longer in the folder (they are kept and
        /// listed otherwise).
        #[arg(long)]
        prune: bool,
        /// The base under which the graph's IRIs are minted.
        #[arg(long, env = "NORMGRAPH_BASE", default_value = normgraph::rdf::DEFAULT_BASE)]
        base: String,
        /// Print a line for every file, not only for the refused ones.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print the consistency report of a built store.
    Report {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a canned query of `queries/` (`--list` lists them).
    ///
    /// Example: normgraph query citation-chain -p doc=A/RES/75/240
    Query {
        /// The query's name.
        #[arg(required_unless_present = "list")]
        name: Option<String>,
        /// List the catalogue, a line per query.
        #[arg(long, conflicts_with = "name")]
        list: bool,
        /// A parameter, as KEY=VALUE: a document by its UN symbol (A/RES/75/240, or 75/240),
        /// a State by its ISO 3166-1 alpha-3 code or a name in any of the six languages.
        #[arg(short = 'p', long = "param", value_parser = parse_param)]
        params: Vec<(String, String)>,
        /// Output format (default: a table on a terminal, TSV otherwise).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Also write to standard error the time the query took and Oxigraph's plan of it,
        /// with the time and the rows of each step (JSON).
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Run a SPARQL query on the store.
    Sparql {
        /// The query text (the usual prefixes ng:, cito:, skos:, opengov:... are predeclared).
        query: Option<String>,
        /// Read the query from a file instead (`-` for standard input).
        #[arg(long, conflicts_with = "query")]
        file: Option<PathBuf>,
        /// Output format (default: a table on a terminal, TSV otherwise). Graphs (CONSTRUCT,
        /// DESCRIBE) are written as N-Triples.
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Serve the graph over HTTP, read-only: a home page with a SPARQL editor at /, the
    /// SPARQL 1.1 Protocol at /sparql, the canned queries at /queries, a page for every IRI at
    /// /id/..., /health.
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: String,
        /// Seconds a query may run before it is cancelled (the client gets 503).
        #[arg(long, default_value_t = 10.0)]
        query_timeout: f64,
        /// Queries evaluated at once; others wait for a turn within the time limit.
        #[arg(long, default_value_t = 4)]
        max_concurrent: usize,
        /// The largest answer a query may give, in MiB; a larger one gets 500 and a message
        /// (every named graph, streamed, is at /dump.nq).
        #[arg(long, default_value_t = 256)]
        max_answer_mib: usize,
        /// The base the graph's IRIs were minted under: /id/PATH serves {base}PATH.
        #[arg(long, env = "NORMGRAPH_BASE", default_value = normgraph::rdf::DEFAULT_BASE)]
        base: String,
        /// The memory a query of /sparql may take, in MiB: each runs in a worker process
        /// that is stopped past it (the client gets 500 and a message).
        #[arg(long, default_value_t = 1024)]
        query_memory_mib: usize,
        /// Seconds a client may take to send a request's head, and then its body (408).
        #[arg(long, default_value_t = 10.0)]
        request_timeout: f64,
        /// Connections open at once; past it a new one is closed at once.
        #[arg(long, default_value_t = 1000)]
        max_connections: usize,
        /// Seconds a dump (/dump.nq) waits for a client that reads nothing before it is cut.
        #[arg(long, default_value_t = 30.0)]
        stall_timeout: f64,
    },
    /// A query worker of `serve` (started by it; answers jobs on standard input).
    #[command(hide = true)]
    QueryWorker {
        #[arg(long)]
        store: PathBuf,
        #[arg(long)]
        memory_mib: usize,
    },
    /// Write the graph as a dump, streamed from the store.
    ///
    /// N-Quads and TriG carry every named graph (one per source file, the reference tables,
    /// the derived facts, the RDFS entailments); Turtle, N-Triples, RDF/XML and JSON-LD carry
    /// the merged graph. With -o, a VoID/DCAT description of the dump is written beside it
    /// (FILE.void.ttl).
    Export {
        #[arg(long, value_enum, default_value = "nq")]
        format: ExportFormat,
        /// Only these graphs: a document symbol (every source file of that document), the IRI
        /// of a graph, `derived` or `inferred`. Repeatable.
        #[arg(long)]
        graph: Vec<String>,
        /// The RDF Dataset Canonicalization (RDFC-1.0) as N-Quads, byte-identical for the same
        /// graph; its SHA-256 is printed. Canonical output is N-Quads: of every named graph
        /// (`--format nq`, the default) or of the merged graph (`--format nt`).
        #[arg(long)]
        canonical: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Replace each of our named graphs in another triple store, through the SPARQL 1.1 Graph
    /// Store Protocol (a PUT per graph), then count every graph's triples there against ours.
    ///
    /// Graphs unchanged since the last push to the same remote are skipped (the record is kept
    /// beside the store, STORE.push-state.json); graphs pushed before and no longer ours are
    /// deleted. Examples of --to: Virtuoso http://HOST:8890/sparql-graph-crud-auth (with
    /// --user, Digest), Fuseki http://HOST:3030/DATASET/data, Oxigraph http://HOST:7878/store.
    Push {
        /// The remote's Graph Store endpoint.
        #[arg(long)]
        to: String,
        /// A bearer token.
        #[arg(long, env = "NORMGRAPH_PUSH_TOKEN", conflicts_with = "user")]
        token: Option<String>,
        /// A user name (Basic or Digest, as the remote asks).
        #[arg(long, requires = "password")]
        user: Option<String>,
        /// The user's password.
        #[arg(long, env = "NORMGRAPH_PUSH_PASSWORD", requires = "user")]
        password: Option<String>,
        /// Only these graphs: a document symbol, the IRI of a graph, `derived` or `inferred`.
        #[arg(long)]
        graph: Vec<String>,
        /// Push even the graphs unchanged since the last push.
        #[arg(long)]
        force: bool,
        /// Attempts beyond the first for a transient failure (no connection, 408, 429, 5xx),
        /// after 0.5 s, 1 s, 2 s...
        #[arg(long, default_value_t = normgraph::remote::Remote::PUSH_RETRIES)]
        retries: u32,
        /// Seconds a request may take.
        #[arg(long, default_value_t = 300.0)]
        timeout: f64,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Download the UN's Akoma Ntoso XML of resolutions into data/fetched/, from the UN's
    /// machine-readable repository (UNxml/GAresolutions on GitHub), then run `build`.
    ///
    /// A file is kept only when its own identification gives the symbol and language asked
    /// for; each is recorded with its origin and SHA-256 in data/fetched/FETCHED.tsv.
    Fetch {
        /// Resolution symbols: A/RES/75/240, or 75/240.
        #[arg(required = true)]
        symbols: Vec<String>,
        /// Languages, comma-separated: en, fr, es, ru, zh, ar.
        #[arg(long, value_delimiter = ',', default_value = "en,fr")]
        lang: Vec<String>,
        /// The repository: a listing of SESSION/LANGUAGE folders in the form of GitHub's
        /// contents API.
        #[arg(long = "from", env = "NORMGRAPH_FETCH_FROM", default_value = normgraph::remote::fetch::DEFAULT_SOURCE)]
        source: String,
        /// The data folder to write into.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Attempts beyond the first for a transient failure.
        #[arg(long, default_value_t = 3)]
        retries: u32,
        /// Seconds a request may take.
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
    },
    /// Show what the extractor reads from one file, without touching the store.
    Extract { file: PathBuf },
}

#[derive(Debug, clap::Args)]
pub struct StoreArgs {
    /// The on-disk store (default: ./normgraph-store, or $NORMGRAPH_STORE).
    #[arg(long = "store")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: every named graph.
    Nq,
    /// TriG: every named graph.
    Trig,
    /// Turtle: the merged graph.
    Ttl,
    /// N-Triples: the merged graph.
    Nt,
    /// RDF/XML: the merged graph.
    Rdfxml,
    /// JSON-LD, compacted with ontology/context.jsonld: the merged graph.
    Jsonld,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns, long values cut short.
    Table,
    /// Tab-separated values, a header row first.
    Tsv,
    /// Comma-separated values (RFC 4180), a header row first.
    Csv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
}

fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("expected KEY=VALUE, found \"{s}\"")),
    }
}
