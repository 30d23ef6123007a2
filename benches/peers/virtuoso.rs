//! A Virtuoso open source server of the bench's own (Debian's `virtuoso-t`), on loopback with a
//! data directory of its own, loaded with an N-Triples file by its bulk loader (`ld_dir`,
//! `rdf_loader_run`), asked over its SPARQL endpoint; stopped on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Virtuoso {
    child: Child,
    sql: u16,
    http: u16,
    dir: PathBuf,
    client: reqwest::blocking::Client,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const SERVER: &str = "/usr/bin/virtuoso-t";
const ISQL: &str = "/usr/bin/isql-vt";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Virtuoso {
    /// Why Virtuoso cannot be started here, if it cannot.
    pub fn missing() -> Option<String> {
        [SERVER, ISQL]
            .iter()
            .find(|p| !Path::new(p).exists())
            .map(|p| format!("{p} is absent (apt-get install virtuoso-opensource-7-bin)"))
    }

    /// Starts a server in `dir` (created, and removed on drop), with a query time limit.
    pub fn start(dir: PathBuf, limit: Duration) -> Virtuoso {
        std::fs::create_dir_all(&dir).unwrap();
        let d = dir.display();
        let (sql, http) = (free_port(), free_port());
        // Buffers for a store of some millions of triples (8 KB pages: 2 GB, as Virtuoso's own
        // guide advises for 8 GB of memory and more).
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\nStriping = 0\nTempStorage = TempDatabase\n\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\n\
             TransactionFile = {d}/virtuoso-temp.trx\nStriping = 0\n\n\
             [Parameters]\nServerPort = {sql}\nDisableUnixSocket = 1\nServerThreads = 10\n\
             NumberOfBuffers = 250000\nMaxDirtyBuffers = 187000\nDirsAllowed = ., {d}\n\n\
             [HTTPServer]\nServerPort = {http}\nServerRoot = {d}\nMaxClientConnections = 10\n\
             ServerThreads = 10\n\n[SPARQL]\nResultSetMaxRows = 10000000\nMaxQueryExecutionTime = {}\n\
             MaxQueryCostEstimationTime = 0\n",
            limit.as_secs()
        );
        std::fs::write(dir.join("virtuoso.ini"), ini).unwrap();
        let child = Command::new(SERVER)
            .arg("-f")
            .arg("-c")
            .arg(dir.join("virtuoso.ini"))
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let v = Virtuoso {
            child,
            sql,
            http,
            dir,
            client: reqwest::blocking::Client::builder()
                .timeout(limit + Duration::from_secs(30))
                .build()
                .unwrap(),
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if v.select("ASK {}").is_ok() {
                return v;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        panic!("Virtuoso did not answer within 120 s");
    }

    /// Loads an N-Triples file (copied into the server's directory) into one graph with the
    /// bulk loader; returns the seconds it took.
    pub fn load(&self, nt: &Path, graph: &str) -> f64 {
        let name = "merged.nt";
        std::fs::copy(nt, self.dir.join(name)).unwrap();
        let started = Instant::now();
        let script = format!(
            "ld_dir('{}', '{name}', '{graph}');\nrdf_loader_run();\ncheckpoint;\n",
            self.dir.display()
        );
        let out = Command::new(ISQL)
            .arg(format!("127.0.0.1:{}", self.sql))
            .arg("dba")
            .arg("dba")
            .arg(format!("exec={}", script.replace('\n', " ")))
            .output()
            .unwrap();
        let secs = started.elapsed().as_secs_f64();
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !said.contains("Error"),
            "isql: {said}"
        );
        let _ = std::fs::remove_file(self.dir.join(name));
        secs
    }

    /// Runs a SELECT or ASK on the SPARQL endpoint; the number of rows (TSV, header left out).
    pub fn select(&self, query: &str) -> Result<usize, String> {
        let response = self
            .client
            .post(format!("http://127.0.0.1:{}/sparql", self.http))
            .form(&[("query", query)])
            .header("Accept", "text/tab-separated-values")
            .send()
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let text = response.text().map_err(|e| e.to_string())?;
        if !status.is_success() {
            return Err(format!(
                "{status}: {}",
                text.chars().take(300).collect::<String>()
            ));
        }
        Ok(text.lines().count().saturating_sub(1))
    }
}
