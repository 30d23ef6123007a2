//! Small pieces every page and picture shares: escaping, numbers as people read them, the
//! links a browser follows to this server's own pages.

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page of a document, from its symbol.
pub fn doc_href(symbol: &str) -> String {
    format!("/id/doc/{}", crate::reference::symbol::slug(symbol))
}

/// Where a browser follows an IRI: under the base, to this server's own page of it; a term
/// of our vocabulary, to its entry on `/ontology`.
pub fn href(iri: &str, base: &str) -> String {
    if let Some(term) = iri.strip_prefix(crate::rdf::vocab::ng::NS) {
        return format!("/ontology#{term}");
    }
    match iri.strip_prefix(base) {
        Some(path) => format!("/id/{path}"),
        None => iri.to_owned(),
    }
}

/// The first letter in capitals: "Original sponsors".
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A number with thousands separated: 39,680.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
