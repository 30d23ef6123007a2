//! Every error the server answers, and the one table that gives each its HTTP status and a
//! stable code (sent in the `normgraph-error` header, as meilisearch's error codes are). The
//! body is the message, as plain text: normal for a SPARQL endpoint, read by people and tests.

use crate::query::{QueryError, SparqlError};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The header that carries an error's stable code.
pub const ERROR_CODE: HeaderName = HeaderName::from_static("normgraph-error");

/// What went wrong with a request.
/// (Serializable: a query worker of [`super::isolate`] sends its error back whole.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ApiError {
    /// The request is malformed: a parameter missing, twice, or of no use.
    BadRequest(String),
    /// The query does not parse.
    QuerySyntax(String),
    /// The query nests too deep to be parsed and evaluated safely.
    QueryTooComplex(String),
    /// No canned query of that name.
    UnknownQuery(String),
    /// No such resource, graph or document in the graph.
    NotFound(String),
    /// An update: the endpoint has no write path.
    ReadOnly,
    /// None of the formats the client accepts can carry what it asked for.
    NotAcceptable(String),
    /// A request body the endpoint does not read.
    UnsupportedMediaType(String),
    /// A request body past the limit (in bytes).
    BodyTooLarge(usize),
    /// A request body not sent within the limit.
    SlowRequest(Duration),
    /// No turn for the query within the time limit.
    Busy(Duration),
    /// The query ran past the time limit and was cancelled.
    TimedOut(Duration),
    /// The answer grew past the size limit (in MiB) and was abandoned.
    AnswerTooLarge(usize),
    /// The query took more memory than a worker is given (in MiB), and its worker was ended.
    MemoryExceeded(usize),
    /// The query failed as it ran.
    QueryFailed(String),
    /// A fault of the server.
    Internal(String),
}

impl ApiError {
    /// The table: each kind of error, its status and its stable code.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::QuerySyntax(_) => (StatusCode::BAD_REQUEST, "query_syntax"),
            ApiError::QueryTooComplex(_) => (StatusCode::BAD_REQUEST, "query_too_complex"),
            ApiError::UnknownQuery(_) => (StatusCode::NOT_FOUND, "unknown_query"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::ReadOnly => (StatusCode::FORBIDDEN, "read_only"),
            ApiError::NotAcceptable(_) => (StatusCode::NOT_ACCEPTABLE, "not_acceptable"),
            ApiError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::BodyTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
            ApiError::SlowRequest(_) => (StatusCode::REQUEST_TIMEOUT, "slow_request"),
            ApiError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            ApiError::TimedOut(_) => (StatusCode::SERVICE_UNAVAILABLE, "timed_out"),
            ApiError::AnswerTooLarge(_) => (StatusCode::INTERNAL_SERVER_ERROR, "answer_too_large"),
            ApiError::MemoryExceeded(_) => (StatusCode::INTERNAL_SERVER_ERROR, "memory_exceeded"),
            ApiError::QueryFailed(_) => (StatusCode::INTERNAL_SERVER_ERROR, "query_failed"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// The message a client reads.
    pub fn message(&self) -> String {
        match self {
            ApiError::BadRequest(m)
            | ApiError::UnknownQuery(m)
            | ApiError::NotFound(m)
            | ApiError::UnsupportedMediaType(m)
            | ApiError::QueryFailed(m)
            | ApiError::Internal(m) => m.clone(),
            ApiError::QuerySyntax(m) => format!("the query does not parse: {m}"),
            ApiError::QueryTooComplex(m) => {
                format!("the query is too deep to evaluate safely: {m}")
            }
            ApiError::ReadOnly => "this endpoint is read-only: SPARQL updates are refused".into(),
            ApiError::NotAcceptable(what) => {
                format!("none of the formats in the Accept header can carry {what}")
            }
            ApiError::BodyTooLarge(max) => {
                format!("the request body is larger than the {max} bytes accepted")
            }
            ApiError::SlowRequest(limit) => format!(
                "the request body did not arrive within {} s",
                limit.as_secs_f64()
            ),
            ApiError::Busy(limit) => format!(
                "too many queries at once: none finished within the {} s limit",
                limit.as_secs_f64()
            ),
            ApiError::TimedOut(limit) => format!(
                "the query ran past the {} s limit and was cancelled",
                limit.as_secs_f64()
            ),
            ApiError::MemoryExceeded(mib) => format!(
                "the query needed more than the {mib} MiB of memory a query is given, and was \
                 stopped: ask for less (LIMIT, fewer or shorter values)"
            ),
            ApiError::AnswerTooLarge(mib) => format!(
                "the answer passed {mib} MiB and was abandoned: ask for fewer rows (LIMIT), or take \
                 every named graph, streamed, from /dump.nq"
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let mut text = self.message();
        text.push('\n');
        (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (ERROR_CODE, HeaderValue::from_static(code)),
            ],
            text,
        )
            .into_response()
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Unknown(_) => ApiError::UnknownQuery(e.to_string()),
            QueryError::Evaluation { .. } => ApiError::QueryFailed(e.to_string()),
            QueryError::NotInGraph { .. } => ApiError::NotFound(e.to_string()),
            QueryError::Missing { .. }
            | QueryError::UnknownParam { .. }
            | QueryError::Twice { .. }
            | QueryError::BadValue { .. } => ApiError::BadRequest(e.to_string()),
        }
    }
}

impl From<SparqlError> for ApiError {
    fn from(e: SparqlError) -> Self {
        match e {
            SparqlError::Syntax(m) => ApiError::QuerySyntax(m),
            SparqlError::TooComplex(m) => ApiError::QueryTooComplex(m),
            other => ApiError::QueryFailed(other.to_string()),
        }
    }
}
