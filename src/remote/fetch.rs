//! `normgraph fetch`: the UN's Akoma Ntoso XML of a resolution, from its machine-readable
//! repository (UNxml/GAresolutions on GitHub), into `data/`.
//!
//! The repository's file names follow no single pattern (`75_240_E.xml`,
//! `A_RES_75_240-2017497E.xml`, `75_240.xml`), and most carry a job number that the symbol
//! does not give. So the session's folder is listed (GitHub's contents API: a JSON array of
//! `name` and `download_url`), the files whose names carry the resolution's number are
//! downloaded, and each is read with our XML reader: the one kept is the one whose own FRBR
//! identification gives the symbol and the language asked for. Identity comes from the
//! document, never from its name.
//!
//! What is kept is written under `data/fetched/SESSION/LANGUAGE/`, through a temporary file
//! and a rename, and recorded in `data/fetched/FETCHED.tsv` (symbol, language, file, where it
//! came from, its SHA-256, when): nothing is half-written. Downloads go through the same
//! client as `push` (time-out, retries with back-off on transient failures).

use super::http::{answer_text, read_body, HttpError, Remote, Request, Session};

/// The most read of one answer of the repository (a listing, a document): the build reads no
/// document past 64 MiB either.
const MAX_FETCHED: u64 = 64 << 20;
use crate::reference::languages;
use crate::reference::symbol::Symbol;
use reqwest::{Method, StatusCode};
use std::path::{Path, PathBuf};

/// The default repository: GitHub's contents API over UNxml/GAresolutions.
pub const DEFAULT_SOURCE: &str = "https://api.github.com/repos/UNxml/GAresolutions/contents";

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}: expected a resolution symbol such as A/RES/75/240 (or 75/240)")]
    NotAResolution(String),
    #[error("language {0}: expected some of en, fr, es, ru, zh, ar")]
    Language(String),
    #[error("{symbol} ({language}): {listing} lists no file for resolution {number} of session {session}")]
    NotListed {
        symbol: String,
        language: String,
        listing: String,
        session: u32,
        number: String,
    },
    #[error("{symbol} ({language}): no session folder at {listing}: is there such a session?")]
    NoSession {
        symbol: String,
        language: String,
        listing: String,
    },
    #[error(
        "{symbol} ({language}): none of the files named like it is its text ({tried}), so nothing was written"
    )]
    NoMatch {
        symbol: String,
        language: String,
        tried: String,
    },
    #[error("{listing}: expected the JSON list of a folder (name, download_url): {error}")]
    Listing { listing: String, error: String },
    #[error("{0}")]
    Http(#[from] HttpError),
    #[error("{path}: {error}")]
    Write { path: String, error: String },
}

/// One file fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub symbol: String,
    pub language: String,
    /// Where it was written.
    pub path: PathBuf,
    pub url: String,
    pub sha256: String,
    /// False when the same bytes were already there.
    pub new: bool,
}

#[derive(serde::Deserialize)]
struct Entry {
    name: String,
    download_url: Option<String>,
}

/// The repository's folder of a language code.
pub fn folder_of(lang: &str) -> Result<&'static str, FetchError> {
    languages::by_code(lang)
        .filter(|l| l.code == lang)
        .map(|l| l.folder)
        .ok_or_else(|| FetchError::Language(lang.to_owned()))
}

/// Whether a file name may hold resolution `number` of `session`: the two numbers side by
/// side, the number not followed by another digit.
fn named_like(name: &str, session: u32, number: &str) -> bool {
    let needle = format!("{session}_{number}");
    name.ends_with(".xml")
        && name.match_indices(&needle).any(|(i, _)| {
            let before = name[..i].chars().last();
            let after = name[i + needle.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
}

fn get(
    session: &mut Session<'_>,
    url: &str,
    about: &str,
) -> Result<(StatusCode, Vec<u8>), FetchError> {
    let (status, response) = session.send(&Request {
        method: Method::GET,
        url: url.to_owned(),
        about,
        body: None,
        accept: None,
    })?;
    if !status.is_success() {
        return Ok((status, answer_text(response).into_bytes()));
    }
    let bytes = read_body(response, MAX_FETCHED, url)?;
    Ok((status, bytes))
}

/// Fetches the text of `symbol` in each of `languages` into `data/fetched/`.
pub fn fetch(
    source: &Remote,
    symbol: &str,
    languages: &[String],
    data: &Path,
) -> Result<Vec<Fetched>, FetchError> {
    let parsed = Symbol::parse(symbol)
        .filter(|s| s.as_str().starts_with("A/RES/"))
        .ok_or_else(|| FetchError::NotAResolution(symbol.to_owned()))?;
    let parts: Vec<&str> = parsed.as_str().split('/').collect();
    let session: u32 = parts
        .get(2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| FetchError::NotAResolution(symbol.to_owned()))?;
    // "43/78 H" → 78: the letter of a part is in the document, not in the file name.
    let number: String = parts
        .get(3)
        .map(|n| n.chars().take_while(char::is_ascii_digit).collect())
        .unwrap_or_default();
    if number.is_empty() {
        return Err(FetchError::NotAResolution(symbol.to_owned()));
    }
    let mut client = Session::new(source)?;
    let mut out = Vec::new();
    for lang in languages {
        let folder = folder_of(lang)?;
        let listing = format!("{}/{session}/{folder}", source.url.trim_end_matches('/'));
        let (status, body) = get(&mut client, &listing, parsed.as_str())?;
        if status == StatusCode::NOT_FOUND {
            return Err(FetchError::NoSession {
                symbol: parsed.as_str().to_owned(),
                language: lang.clone(),
                listing,
            });
        }
        if !status.is_success() {
            return Err(FetchError::Listing {
                listing,
                error: format!("{status}: {}", String::from_utf8_lossy(&body)),
            });
        }
        let entries: Vec<Entry> =
            serde_json::from_slice(&body).map_err(|e| FetchError::Listing {
                listing: listing.clone(),
                error: e.to_string(),
            })?;
        let mut candidates: Vec<&Entry> = entries
            .iter()
            .filter(|e| named_like(&e.name, session, &number) && e.download_url.is_some())
            .collect();
        // A reissue after the original.
        candidates.sort_by_key(|e| (e.name.contains("reissue"), e.name.clone()));
        if candidates.is_empty() {
            return Err(FetchError::NotListed {
                symbol: parsed.as_str().to_owned(),
                language: lang.clone(),
                listing,
                session,
                number,
            });
        }
        let mut tried = Vec::new();
        let mut kept = None;
        for c in candidates {
            let url = c.download_url.clone().expect("filtered");
            let (status, bytes) = get(&mut client, &url, parsed.as_str())?;
            if !status.is_success() {
                tried.push(format!("{}: {status}", c.name));
                continue;
            }
            match describes(&bytes) {
                Ok((s, l)) if s == parsed.as_str() && l == *lang => {
                    kept = Some((c.name.clone(), url, bytes));
                    break;
                }
                Ok((s, l)) => tried.push(format!("{} is {s} ({l})", c.name)),
                Err(e) => tried.push(format!("{} does not read: {e}", c.name)),
            }
        }
        let Some((name, url, bytes)) = kept else {
            return Err(FetchError::NoMatch {
                symbol: parsed.as_str().to_owned(),
                language: lang.clone(),
                tried: tried.join("; "),
            });
        };
        out.push(save(
            data,
            &Found {
                symbol: &parsed,
                lang,
                session,
                folder,
                name: &name,
                url: &url,
                bytes: &bytes,
            },
        )?);
    }
    Ok(out)
}

/// The symbol and language a file's XML gives for itself.
fn describes(bytes: &[u8]) -> Result<(String, String), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let x = crate::extract::akn::extract(
        text,
        crate::reference::states::StateTable::bundled(),
        crate::reference::curated::Curated::bundled(),
    )
    .map_err(|e| e.to_string())?;
    Ok((x.primary().symbol.as_str().to_owned(), x.language.clone()))
}

/// A file found to be the text asked for.
struct Found<'a> {
    symbol: &'a Symbol,
    lang: &'a str,
    session: u32,
    folder: &'a str,
    name: &'a str,
    url: &'a str,
    bytes: &'a [u8],
}

/// Saves a file found under `data/fetched/SESSION/LANGUAGE/` and records it in
/// `data/fetched/FETCHED.tsv`, each whole or not at all.
fn save(data: &Path, found: &Found<'_>) -> Result<Fetched, FetchError> {
    let Found {
        symbol,
        lang,
        session,
        folder,
        name,
        url,
        bytes,
    } = *found;
    let fail = |path: &Path, e: std::io::Error| FetchError::Write {
        path: path.display().to_string(),
        error: e.to_string(),
    };
    let dir = data.join("fetched").join(session.to_string()).join(folder);
    std::fs::create_dir_all(&dir).map_err(|e| fail(&dir, e))?;
    // The file's own name, made safe: no path of the remote's choosing.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(&safe);
    let sha256 = crate::hash::sha256_hex(bytes);
    let new = std::fs::read(&path).map_or(true, |old| old != bytes);
    if new {
        crate::files::write_bytes(&path, bytes).map_err(|e| fail(&path, e))?;
    }
    // The record: one line per symbol and language, the newest.
    let record = data.join("fetched").join("FETCHED.tsv");
    let header = "symbol\tlanguage\tfile\turl\tsha256\tfetched\n";
    let old = std::fs::read_to_string(&record).unwrap_or_default();
    let relative = path
        .strip_prefix(data)
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/");
    let mut lines: Vec<String> = old
        .lines()
        .skip(1)
        .filter(|l| {
            let mut f = l.split('\t');
            !(f.next() == Some(symbol.as_str()) && f.next() == Some(lang))
        })
        .map(str::to_owned)
        .collect();
    lines.push(format!(
        "{}\t{lang}\t{relative}\t{url}\t{sha256}\t{}",
        symbol.as_str(),
        oxsdatatypes::DateTime::now()
    ));
    lines.sort();
    let text = format!("{header}{}\n", lines.join("\n"));
    crate::files::write_bytes(&record, text.as_bytes()).map_err(|e| fail(&record, e))?;
    Ok(Fetched {
        symbol: symbol.as_str().to_owned(),
        language: lang.to_owned(),
        path,
        url: url.to_owned(),
        sha256,
        new,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_that_may_hold_a_resolution() {
        for name in [
            "75_240_E.xml",
            "75_240.xml",
            "A_RES_75_240-2017497E.xml",
            "A_RES_75_240_E.xml",
            "A_RES_75_240-E.xml",
        ] {
            assert!(named_like(name, 75, "240"), "{name}");
        }
        for name in [
            "75_2400_E.xml",
            "175_240.xml",
            "75_24_E.xml",
            "75_240_E.pdf",
        ] {
            assert!(!named_like(name, 75, "240"), "{name}");
        }
    }
}
