//! The queries of `/sparql` evaluated in worker processes, so that no query can take the server
//! with it or keep what it was given past its limit.
//!
//! Inside one process a query could not be held to its limits: Oxigraph checks its cancellation
//! token when it reads the store, so a join or an aggregate computed in memory runs on after its
//! client has had its 503, keeping its slot; a row built by `CONCAT` can take gigabytes before
//! the answer's size is measured; and an overflowed stack aborts the process. A worker is the
//! same binary (`normgraph query-worker`), holding the store open read-only, under a limit of
//! its address space (`RLIMIT_AS`: what it holds once the store is open, a query's stack, and
//! the memory budget); it answers one [`Job`] at a time. Past the time limit, or when the client
//! goes away, the server kills the worker: its slot is free at once and a new worker takes its
//! place. A worker that dies is reported for what killed it (its budget, its stack) and
//! replaced; the server goes on.
//!
//! The exchange on the worker's standard input and output: a line of JSON per job; a line of
//! JSON per [`Reply`], and after an answer its bytes.

use super::app::{App, Slots};
use super::blocking::{turn, Body};
use super::error::ApiError;
use super::sparql::{answer, Job};
use crate::query::guard;
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// How the server starts its query workers.
#[derive(Debug, Clone)]
pub struct Isolation {
    /// The normgraph binary.
    pub program: PathBuf,
    /// The store the workers open, read-only.
    pub store: PathBuf,
    /// The memory a worker may take for a query, beyond what it holds with the store open.
    pub max_memory: usize,
}

/// What a worker answers to a job.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum Reply {
    /// An answer of `length` bytes follows.
    Answer {
        media: String,
        length: usize,
    },
    Error(ApiError),
}

/// How long a new worker may take to open the store and say it is ready.
const START_LIMIT: Duration = Duration::from_secs(60);

/// The workers not busy with a query. There are never more than the server's cap on queries at
/// once: a worker is taken under a permit and given back before the permit is.
pub struct Pool {
    isolation: Isolation,
    idle: Mutex<Vec<Worker>>,
    /// The most workers kept idle: the cap on queries at once.
    most: usize,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// Why a worker gave no reply.
enum Lost {
    /// Its pipes broke: it died (or never started); why is in its exit status and stderr.
    Died,
    /// It said something that is no reply.
    Garbled(String),
}

impl Pool {
    pub fn new(isolation: Isolation, most: usize) -> Self {
        Pool {
            isolation,
            idle: Mutex::default(),
            most: most.max(1),
        }
    }

    /// Starts up to `n` workers, one after the other, while fewer than `most` are idle: at the
    /// start, so that the first queries do not wait for a worker to open the store, and in
    /// place of one that was ended.
    pub async fn warm(self: Arc<Self>, n: usize) {
        for _ in 0..n {
            if self.idle.lock().expect("the pool's lock").len() >= self.most {
                return;
            }
            match self.start().await {
                Ok(w) => self.give_back(w),
                Err(e) => {
                    tracing::warn!(error = %e.message(), "starting a query worker");
                    return;
                }
            }
        }
    }

    /// An idle worker, or a new one.
    async fn take(&self) -> Result<Worker, ApiError> {
        let idle = self.idle.lock().expect("the pool's lock").pop();
        match idle {
            Some(w) => Ok(w),
            None => self.start().await,
        }
    }

    /// Keeps the worker for the next query, unless enough are idle (it is then ended).
    fn give_back(&self, worker: Worker) {
        let mut idle = self.idle.lock().expect("the pool's lock");
        if idle.len() < self.most {
            idle.push(worker);
        }
    }

    /// Starts a worker and waits for it to say it is ready.
    async fn start(&self) -> Result<Worker, ApiError> {
        let i = &self.isolation;
        let mut child = Command::new(&i.program)
            .arg("query-worker")
            .arg("--store")
            .arg(&i.store)
            .arg("--memory-mib")
            .arg((i.max_memory >> 20).max(1).to_string())
            .env_remove("NORMGRAPH_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                ApiError::Internal(format!(
                    "starting a query worker ({}): {e}",
                    i.program.display()
                ))
            })?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(ApiError::Internal("a query worker without pipes".into()));
        };
        let mut worker = Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        };
        let mut line = String::new();
        match tokio::time::timeout(START_LIMIT, worker.stdout.read_line(&mut line)).await {
            Ok(Ok(_)) if line == "ready\n" => Ok(worker),
            _ => Err(ApiError::Internal(format!(
                "a query worker did not start: {}",
                worker.end().await.1.trim()
            ))),
        }
    }
}

impl Worker {
    async fn ask(&mut self, job: &Job) -> Result<Result<Body, ApiError>, Lost> {
        let mut line = serde_json::to_vec(job).map_err(|e| Lost::Garbled(e.to_string()))?;
        line.push(b'\n');
        self.stdin.write_all(&line).await.map_err(|_| Lost::Died)?;
        self.stdin.flush().await.map_err(|_| Lost::Died)?;
        let mut reply = String::new();
        if self
            .stdout
            .read_line(&mut reply)
            .await
            .map_err(|_| Lost::Died)?
            == 0
        {
            return Err(Lost::Died);
        }
        match serde_json::from_str(&reply).map_err(|e| Lost::Garbled(format!("{e}: {reply}")))? {
            Reply::Error(e) => Ok(Err(e)),
            Reply::Answer { media, length } => {
                let mut bytes = vec![0; length];
                self.stdout
                    .read_exact(&mut bytes)
                    .await
                    .map_err(|_| Lost::Died)?;
                Ok(Ok(Body { media, bytes }))
            }
        }
    }

    /// Ends the worker (killing it if it still runs) and says how it ended: its exit code and
    /// what it wrote on standard error.
    async fn end(mut self) -> (Option<i32>, String) {
        let _ = self.child.start_kill();
        let status = tokio::time::timeout(Duration::from_secs(5), self.child.wait()).await;
        let mut said = String::new();
        if let Some(err) = self.child.stderr.take() {
            let mut err = err.take(64 << 10);
            let _ =
                tokio::time::timeout(Duration::from_secs(1), err.read_to_string(&mut said)).await;
        }
        let code = status.ok().and_then(|s| s.ok()).and_then(|s| s.code());
        (code, said)
    }
}

/// What a worker's death says of its query, from what it wrote on standard error.
fn cause(said: &str, max_memory: usize) -> ApiError {
    let lines = || said.lines().map(str::trim).filter(|l| !l.is_empty());
    // Rust's words when an allocation fails, and the C++ library's (RocksDB's).
    // A thread or a mapping refused for want of address space says ENOMEM.
    if said.contains("memory allocation of")
        || said.contains("std::bad_alloc")
        || said.contains("OutOfMemory")
        || said.contains("Cannot allocate memory")
    {
        ApiError::MemoryExceeded(max_memory >> 20)
    } else if said.contains("overflowed its stack") {
        ApiError::QueryTooComplex("it overflowed the evaluator's stack".into())
    } else {
        let why = lines()
            .find(|l| l.contains("panicked at"))
            .or_else(|| lines().next_back())
            .unwrap_or("it said nothing");
        ApiError::Internal(format!("the query's worker process died ({why})"))
    }
}

/// Evaluates `job` in a worker when a turn comes, under the time limit: past it, or when the
/// client goes away (this future dropped), the worker is killed, and the slot is free.
pub async fn limited(app: &App, pool: Arc<Pool>, job: Job) -> Response {
    let timeout = app.config.query_timeout;
    let (_permit, remaining) = match turn(app, Slots::Queries).await {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let deadline = Instant::now() + remaining;
    let mut worker = match tokio::time::timeout(remaining, pool.take()).await {
        Ok(Ok(w)) => w,
        Ok(Err(e)) => return e.into_response(),
        Err(_) => return ApiError::TimedOut(timeout).into_response(),
    };
    let remaining = deadline.saturating_duration_since(Instant::now());
    match tokio::time::timeout(remaining, worker.ask(&job)).await {
        Ok(Ok(answer)) => {
            pool.give_back(worker);
            match answer {
                Ok(body) => body.into_response(),
                Err(e) => e.into_response(),
            }
        }
        Ok(Err(Lost::Died)) => {
            tokio::spawn(pool.clone().warm(1));
            let (code, said) = worker.end().await;
            tracing::warn!(code, said = said.trim(), "a query worker died");
            cause(&said, pool.isolation.max_memory).into_response()
        }
        Ok(Err(Lost::Garbled(m))) => {
            tokio::spawn(pool.clone().warm(1));
            worker.end().await;
            ApiError::Internal(format!("a query worker's reply: {m}")).into_response()
        }
        Err(_) => {
            tokio::spawn(pool.clone().warm(1));
            worker.end().await;
            ApiError::TimedOut(timeout).into_response()
        }
    }
}

/// The bytes of address space the process holds (`VmSize`).
fn address_space() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmSize:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<usize>()
        .ok()?;
    Some(kib << 10)
}

/// The worker's side: opens the store read-only, says `ready`, and answers jobs from standard
/// input until it closes, each with `max_memory` bytes more than the worker holds when ready.
pub fn run_worker(store: &Path, max_memory: usize) -> Result<(), String> {
    let store = crate::store::open_read_only(store)
        .map_err(|e| format!("opening the store at {}: {e}", store.display()))?;
    let held = address_space().ok_or("reading VmSize in /proc/self/status")?;
    let limit = (held + guard::QUERY_STACK + max_memory) as u64;
    rlimit::setrlimit(rlimit::Resource::AS, limit, limit)
        .map_err(|e| format!("limiting the worker's memory: {e}"))?;
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| format!("the server's pipe: {e}");
    out.write_all(b"ready\n")
        .and_then(|_| out.flush())
        .map_err(io)?;
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(io)?;
        let job: Job = serde_json::from_str(&line).map_err(|e| format!("a job: {e}"))?;
        // A panic ends the worker, which the server reports and replaces.
        let outcome = guard::on_query_stack(|| answer(&store, job, &CancellationToken::new()));
        let (reply, bytes) = match outcome {
            Ok(body) => (
                Reply::Answer {
                    media: body.media,
                    length: body.bytes.len(),
                },
                body.bytes,
            ),
            Err(e) => (Reply::Error(e), Vec::new()),
        };
        let mut head = serde_json::to_vec(&reply).map_err(|e| e.to_string())?;
        head.push(b'\n');
        out.write_all(&head)
            .and_then(|_| out.write_all(&bytes))
            .and_then(|_| out.flush())
            .map_err(io)?;
    }
    Ok(())
}
