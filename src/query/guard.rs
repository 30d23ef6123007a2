//! What keeps a query from taking the process down with it: its depth, bounded before it is
//! parsed, and a stack that holds every query the bound lets through.
//!
//! Oxigraph's parser and evaluator are recursive. A query of 3,500 nested groups overflows the
//! parser's stack; a chain of 20,000 `UNION`s, `&&`s, `OPTIONAL`s, `BIND`s or path steps parses
//! (a chain is read by a loop) into a tree 20,000 deep, which overflows the evaluator's. Both
//! abort the process: a stack overflow cannot be caught. So [`check`] reads the query as tokens
//! first and refuses it, naming the place, when its brackets nest deeper than [`MAX_NESTING`]
//! or it has more than [`MAX_OPERATORS`] of the operators and keywords that make the tree
//! deeper; and [`on_query_stack`] runs parsing and evaluation on a thread whose stack
//! ([`QUERY_STACK`]) holds the deepest tree those two bounds allow (the hostile suite checks
//! both limits, in the debug build the tests run).

/// Why [`check`] refused a query: the place and the bound it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep(pub String);

impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The deepest the brackets `{`, `(` and `[` of a query may nest. The deepest of our canned
/// queries nests 6; a hand-written one rarely passes 20.
pub const MAX_NESTING: usize = 128;

/// The most operators and keywords that each add a level to the query's tree (`UNION`,
/// `OPTIONAL`, `MINUS`, `BIND`, `FILTER`, `VALUES`, `GRAPH`, `SERVICE`, `EXISTS`, `&&`, `||`,
/// the comparisons, arithmetic and the steps of a path) a query may hold. Our canned queries
/// hold at most 40.
pub const MAX_OPERATORS: usize = 4096;

/// The longest query the command line reads (`sparql --file`); the server's bound is its
/// request body limit.
pub const MAX_QUERY_BYTES: usize = 16 << 20;

/// The stack every query is parsed and evaluated on: room for a tree [`MAX_OPERATORS`] plus
/// [`MAX_NESTING`] deep with the debug build's frames (a few KiB a level). Only the pages the
/// query touches are mapped.
pub const QUERY_STACK: usize = 256 << 20;

/// Refuses a query whose depth could overflow the parser's or the evaluator's stack.
///
/// (This file depends on nothing of the crate: the SPARQL fuzz target includes it as it is.)
pub fn check(query: &str) -> Result<(), TooDeep> {
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut scan = Scanner::new(query);
    while let Some((token, at)) = scan.next() {
        match token {
            Token::Open => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(TooDeep(format!(
                        "its brackets nest more than {MAX_NESTING} deep (at {})",
                        scan.place(at)
                    )));
                }
            }
            Token::Close => depth = depth.saturating_sub(1),
            Token::Operator => {
                operators += 1;
                if operators > MAX_OPERATORS {
                    return Err(TooDeep(format!(
                        "it has more than {MAX_OPERATORS} operators and keywords that nest \
                         (the {}th at {})",
                        MAX_OPERATORS + 1,
                        scan.place(at)
                    )));
                }
            }
            Token::Other => {}
        }
    }
    Ok(())
}

/// Runs `work` on a thread with a stack of [`QUERY_STACK`] bytes and waits for it: parse and
/// evaluate a query there, after [`check`].
pub fn on_query_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("query".into())
            .stack_size(QUERY_STACK)
            .spawn_scoped(scope, work)
            .expect("a thread for the query")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    Operator,
    Other,
}

/// The words that add a level to the query's tree.
const KEYWORDS: &[&str] = &[
    "UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "VALUES", "GRAPH", "SERVICE", "EXISTS",
];

/// Reads a query as the tokens [`check`] counts. Strings, IRIs and comments are skipped whole,
/// so a bracket or a `#` inside them counts for nothing. `<` opens an IRI when what follows up
/// to the next `>` could be one (no space, quote or brace), and is an operator otherwise.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner { text, at: 0 }
    }

    /// `line:column` of a byte offset, both from 1.
    fn place(&self, offset: usize) -> String {
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!("{line}:{column}")
    }

    fn next(&mut self) -> Option<(Token, usize)> {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.at;
            let c = *bytes.get(start)?;
            self.at += 1;
            let token = match c {
                b'{' | b'(' | b'[' => Token::Open,
                b'}' | b')' | b']' => Token::Close,
                b'#' => {
                    self.skip_until(|b| b == b'\n');
                    continue;
                }
                b'"' | b'\'' => {
                    self.skip_string(c);
                    continue;
                }
                b'<' => {
                    let rest = &bytes[self.at..];
                    match rest.iter().position(|&b| {
                        b == b'>' || b.is_ascii_whitespace() || b"\"{}|^`\\<".contains(&b)
                    }) {
                        Some(end) if rest[end] == b'>' => {
                            self.at += end + 1;
                            continue;
                        }
                        _ => Token::Operator,
                    }
                }
                b'&' | b'|' if bytes.get(self.at) == Some(&c) => {
                    self.at += 1;
                    Token::Operator
                }
                b'|' | b'/' | b'^' | b'+' | b'-' | b'*' | b'=' | b'>' | b'!' => Token::Operator,
                c if c.is_ascii_alphabetic() || c == b'?' || c == b'$' || c == b'_' => {
                    self.skip_until(|b| !(b.is_ascii_alphanumeric() || b"_:.-".contains(&b)));
                    let word = self.text[start..self.at].trim_end_matches('.');
                    if KEYWORDS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
                        Token::Operator
                    } else {
                        Token::Other
                    }
                }
                _ => Token::Other,
            };
            return Some((token, start));
        }
    }

    fn skip_until(&mut self, stop: impl Fn(u8) -> bool) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && !stop(bytes[self.at]) {
            self.at += 1;
        }
    }

    /// Past a string opened by `quote` at the byte before `self.at`: short or long (`"""`),
    /// with its escapes.
    fn skip_string(&mut self, quote: u8) {
        let bytes = self.text.as_bytes();
        let long = bytes.get(self.at) == Some(&quote) && bytes.get(self.at + 1) == Some(&quote);
        if long {
            self.at += 2;
        }
        while self.at < bytes.len() {
            match bytes[self.at] {
                b'\\' => self.at += 2,
                b if b == quote
                    && (!long
                        || (bytes.get(self.at + 1) == Some(&quote)
                            && bytes.get(self.at + 2) == Some(&quote))) =>
                {
                    self.at += if long { 3 } else { 1 };
                    return;
                }
                b'\n' if !long => return,
                _ => self.at += 1,
            }
        }
        self.at = self.at.min(bytes.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_and_operators_are_counted_outside_strings_iris_and_comments() {
        let fine = "PREFIX ex: <http://x/a(b)[c]#d>\n# {{{{ ((((\nSELECT * WHERE { ?s ex:p \"{(\" FILTER(?s != <http://x/y>) }";
        assert_eq!(check(fine), Ok(()));
        let deep = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(200),
            "}".repeat(200)
        );
        let Err(TooDeep(m)) = check(&deep) else {
            panic!("200 nested groups pass")
        };
        assert!(m.contains("nest more than 128 deep (at 1:144)"), "{m}");
        let chain = format!(
            "SELECT * WHERE {{\n{} }}",
            vec!["{ ?s ?p ?o }"; 5000].join(" UNION ")
        );
        let Err(TooDeep(m)) = check(&chain) else {
            panic!("5,000 unions pass")
        };
        assert!(m.contains("more than 4096 operators"), "{m}");
        assert!(m.contains("at 2:"), "{m}");
        let ands = format!("ASK {{ FILTER({}) }}", vec!["?o"; 5000].join("&&"));
        assert!(check(&ands).is_err());
        // `<` as less-than, and a long string holding a quote, are read as such.
        assert_eq!(
            check("ASK { FILTER(1 < 2 && \"\"\"a \" {\"\"\" < \"b\") }"),
            Ok(())
        );
    }
}
