//! The pages and pictures for people: the home page (the dataset, a SPARQL editor, the canned
//! questions as forms, a resolution drawn), the canned queries (a page for a browser, the data
//! for a program), and the SVG pictures of a document.

use super::app::{form_pairs, html, App, Slots};
use super::blocking::{limited, Body};
use super::chrome::Chrome;
use super::data::{figures, form_values};
use super::error::ApiError;
use super::kinds::{self, search::SearchIndex};
use super::lookup::{self, PictureError};
use super::negotiate::{
    accepted_languages, negotiate, prefers_html, ResultsAs, HTML, RESULT_TYPES,
};
use super::{draw, page, EXAMPLE_DOCUMENT};
use crate::query::{canned, catalogue, Opened};
use crate::reference::states::StateTable;
use crate::reference::symbol::Symbol;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;

impl From<PictureError> for ApiError {
    fn from(e: PictureError) -> Self {
        match e {
            PictureError::Query(e) => e.into(),
            PictureError::Sparql(e) => e.into(),
        }
    }
}

/// The document a request names (`?doc=SYMBOL`), checked: a symbol, and in the graph.
fn document(store: &Store, asked: &str) -> Result<Symbol, ApiError> {
    let doc =
        canned::document_symbol(asked).map_err(|e| ApiError::BadRequest(format!("doc: {e}")))?;
    match crate::store::document(store, doc.as_str()) {
        Ok(Some(_)) => Ok(doc),
        Ok(None) => Err(ApiError::NotFound(format!(
            "no document {} in the graph",
            doc.as_str()
        ))),
        Err(e) => Err(ApiError::Internal(e.to_string())),
    }
}

/// The home page; `?doc=SYMBOL` chooses the resolution drawn (by default the founding
/// document, when the graph has it).
pub async fn home(State(app): State<App>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let chrome = Chrome::new(accepted_languages(&headers));
    let (figures, values) = match (figures(&app).await, form_values(&app).await) {
        (Ok(f), Ok(v)) => (f, v),
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let asked = given
        .iter()
        .find(|(k, _)| k == "doc")
        .map(|(_, v)| v.clone());
    if let Err(e) = canned::document_symbol(asked.as_deref().unwrap_or(EXAMPLE_DOCUMENT)) {
        return ApiError::BadRequest(format!("doc: {e}")).into_response();
    }
    let opened = app.opened();
    let base = app.config.public_base.clone();
    let token = CancellationToken::new();
    limited(&app, Slots::Pages, token.clone(), move || {
        let drawn = match document(&opened.store, asked.as_deref().unwrap_or(EXAMPLE_DOCUMENT)) {
            Ok(doc) => Some((
                draw::chain_svg(&lookup::chain(&opened, &doc, &token)?),
                draw::sponsors_svg(doc.as_str(), &lookup::sponsors(&opened, &doc, &token)?),
                doc,
            )),
            // The founding document may be absent from a graph of other documents.
            Err(ApiError::NotFound(_)) if asked.is_none() => None,
            Err(e) => return Err(e),
        };
        let page = page::home(
            &chrome,
            &figures,
            &values,
            catalogue(),
            drawn
                .as_ref()
                .map(|(c, s, doc)| (doc.as_str(), c.as_str(), s.as_str())),
            &base,
        );
        Ok(Body {
            media: HTML.to_owned(),
            bytes: page.into_bytes(),
        })
    })
    .await
}

/// A picture of `?doc=SYMBOL`, as an SVG document.
async fn picture(
    app: App,
    raw: Option<String>,
    draw: fn(&Opened, &Symbol, &CancellationToken) -> Result<String, PictureError>,
) -> Response {
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let Some((_, asked)) = given.into_iter().find(|(k, _)| k == "doc") else {
        return ApiError::BadRequest("give ?doc=SYMBOL".into()).into_response();
    };
    if let Err(e) = canned::document_symbol(&asked) {
        return ApiError::BadRequest(format!("doc: {e}")).into_response();
    }
    let opened = app.opened();
    let token = CancellationToken::new();
    limited(&app, Slots::Pages, token.clone(), move || {
        let doc = document(&opened.store, &asked)?;
        Ok(Body {
            media: "image/svg+xml; charset=utf-8".to_owned(),
            bytes: draw(&opened, &doc, &token)?.into_bytes(),
        })
    })
    .await
}

pub async fn draw_citations(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    picture(app, raw, |opened, doc, token| {
        lookup::chain(opened, doc, token).map(|c| draw::chain_svg(&c))
    })
    .await
}

pub async fn draw_sponsors(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    picture(app, raw, |opened, doc, token| {
        lookup::sponsors(opened, doc, token).map(|s| draw::sponsors_svg(doc.as_str(), &s))
    })
    .await
}

/// The catalogue: a page of forms for a browser, JSON for a program.
pub async fn list_queries(State(app): State<App>, headers: HeaderMap) -> Response {
    if prefers_html(&headers, &[("application/json", ())]) {
        return match form_values(&app).await {
            Ok(values) => html(page::queries(
                &Chrome::new(accepted_languages(&headers)),
                catalogue(),
                &values,
                &app.config.public_base,
            )),
            Err(e) => e.into_response(),
        };
    }
    let list: Vec<serde_json::Value> = catalogue()
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name,
                "description": c.description,
                "parameters": c.params.iter().map(|p| serde_json::json!({
                    "name": p.name, "kind": p.kind.as_str()
                })).collect::<Vec<_>>(),
                "columns": c.columns,
                "url": format!("/queries/{}", c.name),
            })
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string_pretty(&list).unwrap_or_default(),
    )
        .into_response()
}

/// A canned query with the parameters of the URL, answered in the format asked for.
pub async fn run_canned(
    State(app): State<App>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let canned = match canned::find(&name) {
        Ok(c) => c,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let bound = match canned.bind(&given, StateTable::bundled()) {
        Ok(b) => b,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let chrome = Chrome::new(accepted_languages(&headers));
    let Some((media, answer_as)) = negotiate(&headers, &RESULT_TYPES) else {
        return ApiError::NotAcceptable("query results".into()).into_response();
    };
    let values = if matches!(answer_as, ResultsAs::Html) {
        match form_values(&app).await {
            Ok(v) => v,
            Err(e) => return e.into_response(),
        }
    } else {
        page::FormValues::default()
    };
    let opened = app.opened();
    let base = app.config.public_base.clone();
    let token = CancellationToken::new();
    limited(&app, Slots::Pages, token.clone(), move || {
        canned.check_documents(&opened.store, &bound)?;
        let rows = canned.run_cancellable(&opened.store, opened.tables, bound, token)?;
        match answer_as {
            ResultsAs::Html => Ok(Body {
                media: HTML.to_owned(),
                bytes: page::canned_answer(
                    &chrome,
                    canned,
                    &values,
                    &given,
                    &rows.columns,
                    &rows.rows,
                    &base,
                )
                .into_bytes(),
            }),
            ResultsAs::Sparql(format) => {
                let mut bytes = Vec::new();
                rows.write_results(format, &mut bytes)
                    .map_err(|e| ApiError::Internal(e.to_string()))?;
                Ok(Body { media, bytes })
            }
        }
    })
    .await
}

/// `/search?q=TEXT`: the things whose names match, as a page (one exact match: straight to
/// its page), or, for the search box's suggestions, as JSON (`Accept: application/json`).
pub async fn search(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let query = given
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let json = !prefers_html(&headers, &[("application/json", ())]);
    let chrome = Chrome::new(accepted_languages(&headers));
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let index = app.search.clone();
    limited(&app, Slots::Pages, CancellationToken::new(), move || {
        let index = match index.get() {
            Some(i) => i,
            None => {
                let built = SearchIndex::build(&kinds::Reader::new(&store, &chrome))?;
                index.get_or_init(|| built)
            }
        };
        let hits = index.find(&query, &base, &chrome);
        if json {
            return Ok(Body {
                media: "application/json".to_owned(),
                bytes: serde_json::to_vec(&hits).map_err(|e| ApiError::Internal(e.to_string()))?,
            }
            .into_response());
        }
        let exact: Vec<_> = hits
            .iter()
            .filter(|h| super::kinds::fold(&h.name) == super::kinds::fold(query.trim()))
            .collect();
        if let [one] = exact[..] {
            return Ok(axum::response::Redirect::to(&one.href).into_response());
        }
        Ok(Body {
            media: HTML.to_owned(),
            bytes: kinds::search::render(&query, &hits, &chrome, &base).into_bytes(),
        }
        .into_response())
    })
    .await
}

/// `/editor`: YASGUI, pointed at this server's endpoint.
pub async fn yasgui(State(app): State<App>, headers: HeaderMap) -> Response {
    let chrome = Chrome::new(accepted_languages(&headers));
    let mut response = html(page::yasgui(&chrome, catalogue(), &app.config.public_base));
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static(super::app::EDITOR_POLICY),
    );
    response
}
