//! Work that reads the store runs on a blocking thread, never on the runtime's: a query under
//! the time limit and the cap on queries at once ([`limited`]), other reads as they come
//! ([`on_blocking_thread`]). Past the limit, or when the client goes away, the query's token
//! is cancelled and the client gets 503.

use super::app::{App, Slots};
use super::error::ApiError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use std::time::{Duration, Instant};
use tokio::sync::OwnedSemaphorePermit;

/// An answer written whole: its media type and its bytes.
pub struct Body {
    pub media: String,
    pub bytes: Vec<u8>,
}

impl IntoResponse for Body {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, self.media)], self.bytes).into_response()
    }
}

/// Cancels the token when dropped before `done`: a client that goes away cancels its query.
struct CancelOnDrop {
    token: CancellationToken,
    done: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.token.cancel();
        }
    }
}

/// A turn among `slots` within the time limit, and what is left of the limit when it comes:
/// 503 `busy` when none comes, `timed_out` when the wait took it all.
pub async fn turn(app: &App, slots: Slots) -> Result<(OwnedSemaphorePermit, Duration), ApiError> {
    let timeout = app.config.query_timeout;
    let started = Instant::now();
    let Ok(Ok(permit)) = tokio::time::timeout(timeout, app.slots(slots).acquire_owned()).await
    else {
        return Err(ApiError::Busy(timeout));
    };
    match timeout.checked_sub(started.elapsed()) {
        Some(remaining) if !remaining.is_zero() => Ok((permit, remaining)),
        _ => Err(ApiError::TimedOut(timeout)),
    }
}

/// Runs `work` on a blocking thread when a turn among `slots` comes, under the time limit: past it, or when
/// the client goes away, `token` is cancelled and the client gets 503.
pub async fn limited<A: IntoResponse + Send + 'static>(
    app: &App,
    slots: Slots,
    token: CancellationToken,
    work: impl FnOnce() -> Result<A, ApiError> + Send + 'static,
) -> Response {
    let timeout = app.config.query_timeout;
    let (permit, remaining) = match turn(app, slots).await {
        Ok(t) => t,
        Err(e) => {
            // No turn, or the limit was spent waiting for one: the query does not start.
            token.cancel();
            return e.into_response();
        }
    };
    let mut guard = CancelOnDrop { token, done: false };
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    let outcome = tokio::time::timeout(remaining, task).await;
    if outcome.is_err() {
        guard.token.cancel();
    }
    guard.done = true;
    match outcome {
        Ok(Ok(Ok(body))) => body.into_response(),
        Ok(Ok(Err(e))) => e.into_response(),
        Ok(Err(e)) => ApiError::Internal(format!("the query's thread failed: {e}")).into_response(),
        Err(_) => ApiError::TimedOut(timeout).into_response(),
    }
}

/// Runs `work` on a blocking thread (it reads the store).
pub async fn on_blocking_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(r) => r,
        Err(e) => Err(ApiError::Internal(e.to_string())),
    }
}
