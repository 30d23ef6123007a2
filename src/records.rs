//! The records: what extraction yields and the mapping to RDF reads. Documents with their
//! citations, sponsors, recorded votes, norms and bodies, and the paragraphs they were read
//! from (the unit of provenance), with the diagnostics of the reading.
//!
//! Plain data, no behaviour beyond small accessors: the extractors (`extract`) fill them in,
//! `rdf` turns them into quads, and the tests print them (`Extraction::to_text`).

use crate::reference::symbol::{DocKind, Symbol};
use std::fmt;

/// A calendar date as printed ("5 décembre 2018").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1900..=2100).contains(&year)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// A date written "2020-12-31" (ISO 8601, as in XML attributes and our tables).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let mut it = s.split('-');
        Date::new(
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Index of a paragraph in [`Extraction::paragraphs`].
pub type ParaRef = usize;

/// A paragraph of the source: the unit of provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Stable within the document: "para7", "draft-I/op5", "pp3", "op1.5".
    pub id: String,
    /// The line it starts on, 1-based.
    pub line: usize,
    /// The text as printed, markers removed, lines joined.
    pub text: String,
}

/// The kinds of source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text of a UN PDF.
    Text,
    /// The UN's Akoma Ntoso XML (AKN4UN).
    Akn,
}

impl SourceFormat {
    /// The format of a file by its extension (`.txt`, `.xml`); None for any other file.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "txt" => Some(SourceFormat::Text),
            "xml" => Some(SourceFormat::Akn),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Akn => "akn",
        }
    }
}

/// Everything read from one file.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub format: SourceFormat,
    /// The language of the source, as a BCP 47 tag ("fr", "en", "ar", "zh", "ru", "es").
    pub language: String,
    /// The documents the file describes: the file's own document first, then the drafts a
    /// committee report carries.
    pub documents: Vec<Document>,
    pub paragraphs: Vec<Paragraph>,
    pub warnings: Vec<Diagnostic>,
}

impl Extraction {
    pub fn primary(&self) -> &Document {
        &self.documents[0]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub kind: DiagnosticKind,
    pub message: String,
}

/// What a diagnostic asks of its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    /// How something was read, for whoever checks the reading.
    Note,
    /// A name in a list of voters or sponsors that denotes no State normgraph knows: the fact is
    /// kept with the name as printed and no State, and the build says that it needs a look.
    UnknownName,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A document the text refuses to make sense of: where, what kind of problem (what a program
/// groups refusals by), and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ExtractError {
    pub line: usize,
    pub kind: ErrorKind,
    pub message: String,
}

impl ExtractError {
    pub fn new(line: usize, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            line,
            kind,
            message: message.into(),
        }
    }
}

/// The kinds of problem that make a document unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The bytes are not what the format is written in: UTF-8 text, well-formed XML.
    Encoding,
    /// Not a document of a kind normgraph reads: no UN language, no symbol, neither a
    /// resolution nor a committee report, not Akoma Ntoso.
    Unrecognised,
    /// A part that this kind of document must have is missing or out of place (the operative
    /// paragraphs, the session, a vote list without the paragraph that reports the vote).
    MissingPart,
    /// A value the document must give is unreadable (a count, a symbol, a list of States).
    BadValue,
    /// A name that denotes no State where only a State can stand.
    UnknownState,
}

impl ErrorKind {
    /// What the kind says, in the words of a summary ("a name that denotes no State").
    pub fn describe(self) -> &'static str {
        match self {
            ErrorKind::Encoding => "not in the encoding or syntax of its format",
            ErrorKind::Unrecognised => "not a UN document of a kind normgraph reads",
            ErrorKind::MissingPart => "a part the document must have is missing or out of place",
            ErrorKind::BadValue => "a value the document must give is unreadable",
            ErrorKind::UnknownState => "a name that denotes no State",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub symbol: Symbol,
    pub kind: DocKind,
    pub title: Option<String>,
    pub session: Option<u32>,
    pub agenda_item: Option<u32>,
    pub distributed: Option<Date>,
    pub adopted: Option<Date>,
    pub meeting: Option<Meeting>,
    /// The committee report a resolution was adopted on, with the paragraph number printed.
    pub on_report: Option<(Symbol, Option<u32>)>,
    /// The report that carries this draft, and the paragraph that recommends it.
    pub carried_by: Option<(Symbol, ParaRef)>,
    pub introduction: Option<Introduction>,
    pub sponsors: Vec<Sponsor>,
    pub votes: Vec<RecordedVote>,
    pub citations: Vec<Citation>,
    pub norms: Vec<Norm>,
    /// Paragraphs that welcome, reaffirm, confirm or call upon States to be guided by a set of
    /// norms: the lineage of the norms.
    pub norm_affirmations: Vec<NormAffirmation>,
    pub bodies: Vec<Body>,
    pub agenda_inclusion: Option<AgendaInclusion>,
    /// Who submitted the text when no State list does ("submitted by the Chair of the
    /// Committee following informal consultations"), as printed.
    pub submitted_by: Option<String>,
    /// Names in a sponsor list that denote no known State, as printed, with the list they are in.
    pub unresolved_sponsors: Vec<UnresolvedSponsor>,
    /// The resolution a draft became, where the source says so (the AKN workflow does).
    pub became: Option<Symbol>,
    /// The Akoma Ntoso FRBR work IRI ("/akn/un/statement/deliberation/unga/2020-12-31/75-240/").
    pub work_iri: Option<String>,
    /// Subject keywords: (IRI, dictionary), as the UN classifies the document.
    pub subjects: Vec<(String, String)>,
    /// The paragraph that states the document's identity (its number line or heading).
    pub identity_para: ParaRef,
    /// Where the document was adopted without a vote (a source that says so).
    pub without_vote: Vec<WithoutVote>,
    /// The reports a meeting took up ("Report of the First Committee (A/74/363)").
    pub takes_up: Vec<Symbol>,
    /// The numeral under which a committee report recommends this text ("draft resolution
    /// II"), with the report: the link between a draft and the resolution it became where no
    /// source states it.
    pub recommended_as: Option<(Symbol, String)>,
}

impl Document {
    pub fn new(symbol: Symbol, kind: DocKind, identity_para: ParaRef) -> Self {
        Self {
            session: symbol.session(),
            symbol,
            kind,
            title: None,
            agenda_item: None,
            distributed: None,
            adopted: None,
            meeting: None,
            on_report: None,
            carried_by: None,
            introduction: None,
            sponsors: Vec::new(),
            votes: Vec::new(),
            citations: Vec::new(),
            norms: Vec::new(),
            norm_affirmations: Vec::new(),
            bodies: Vec::new(),
            agenda_inclusion: None,
            submitted_by: None,
            unresolved_sponsors: Vec::new(),
            became: None,
            work_iri: None,
            subjects: Vec::new(),
            identity_para,
            without_vote: Vec::new(),
            takes_up: Vec::new(),
            recommended_as: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub number: u32,
    pub plenary: bool,
    /// `None` where the source does not say (a language we do not read).
    pub resumed: Option<bool>,
    pub date: Option<Date>,
    pub para: ParaRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub target: Symbol,
    /// The verb that opens the citing paragraph, as printed ("Rappelant", "Welcoming").
    pub verb: Option<String>,
    /// The clause verb it stands for, in any language ("welcoming" for "Saluant" and
    /// "Welcomes"): a concept of `data/tables/clause-verbs.tsv`.
    pub verb_concept: Option<String>,
    pub printed_date: Option<Date>,
    pub para: ParaRef,
    /// The footnote the citation was read from, if any.
    pub footnote: Option<u32>,
}

impl Citation {
    /// A citation of `target` by paragraph `para` opened by `verb`; no date printed, not read
    /// from a footnote, its clause verb still to be found.
    pub fn new(target: Symbol, verb: Option<String>, para: ParaRef) -> Self {
        Citation {
            target,
            verb,
            verb_concept: None,
            printed_date: None,
            para,
            footnote: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    pub notation: String,
    pub text: String,
    pub para: ParaRef,
}

/// A paragraph that affirms a set of norms: the norms of A/70/174 (paragraph 13) or those of
/// 73/27 (op. 1.1-1.13), and how (its verb).
#[derive(Debug, Clone, PartialEq)]
pub struct NormAffirmation {
    /// The document whose norms are affirmed: A/70/174, or the text that lists them (a draft
    /// stands for the resolution it became).
    pub scheme: Symbol,
    pub verb: Option<String>,
    /// The clause verb ("welcoming", "guided-by"): see `Citation::verb_concept`.
    pub verb_concept: Option<String>,
    pub para: ParaRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BodyKind {
    OpenEndedWorkingGroup,
    GroupOfGovernmentalExperts,
    /// The programme of action of 77/37: "a permanent, inclusive, action-oriented mechanism".
    ProgrammeOfAction,
    /// The Global Mechanism of 80/16, "starting in 2026", the "future permanent mechanism" of
    /// 79/237.
    GlobalMechanism,
}

impl BodyKind {
    pub fn class_name(self) -> &'static str {
        match self {
            BodyKind::OpenEndedWorkingGroup => "OpenEndedWorkingGroup",
            BodyKind::GroupOfGovernmentalExperts => "GroupOfGovernmentalExperts",
            BodyKind::ProgrammeOfAction => "ProgrammeOfAction",
            BodyKind::GlobalMechanism => "GlobalMechanism",
        }
    }

    /// The first segment of the key of a body of this kind ("gge" of "gge/2004").
    pub fn key_prefix(self) -> &'static str {
        match self {
            BodyKind::OpenEndedWorkingGroup => "oewg",
            BodyKind::GroupOfGovernmentalExperts => "gge",
            BodyKind::ProgrammeOfAction => "programme-of-action",
            BodyKind::GlobalMechanism => "global-mechanism",
        }
    }
}

/// What a paragraph does with a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BodyAct {
    /// Sets it up or mandates it: "Decides to convene … an open-ended working group", "with
    /// the assistance of a group of governmental experts, to be established in 2004".
    Establishes,
    /// Welcomes or recommends a proposal to set it up ("Welcomes the proposal to establish a
    /// United Nations programme of action").
    Proposes,
    /// Speaks of it as set up already: "the group of governmental experts, established in 2004
    /// pursuant to resolution 58/32".
    Mentions,
}

impl BodyAct {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyAct::Establishes => "establishes",
            BodyAct::Proposes => "proposes",
            BodyAct::Mentions => "mentions",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub kind: BodyKind,
    pub act: BodyAct,
    /// Which body this is, the same whichever text names it: "gge/2004", "oewg/2021",
    /// "programme-of-action" (its kind and the year it began; `None` where the text says
    /// neither and no curated row knows the resolution it names).
    pub key: Option<String>,
    pub name: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    /// The resolution a mention says the body was set up under ("pursuant to resolution
    /// 58/32", "in fulfilment of resolution 60/45").
    pub pursuant_to: Option<Symbol>,
    pub reports_to_session: Option<u32>,
    pub consensus: bool,
    pub annual_progress_reports: bool,
    pub tasks: Vec<String>,
    pub para: ParaRef,
}

impl Body {
    /// A body as a paragraph names it, with nothing else said of it yet.
    pub fn new(kind: BodyKind, act: BodyAct, name: impl Into<String>, para: ParaRef) -> Self {
        Self {
            kind,
            act,
            key: None,
            name: name.into(),
            start_year: None,
            end_year: None,
            pursuant_to: None,
            reports_to_session: None,
            consensus: false,
            annual_progress_reports: false,
            tasks: Vec::new(),
            para,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaInclusion {
    pub session: u32,
    pub item_title: String,
    pub para: ParaRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SponsorRole {
    Original,
    Joined,
}

impl SponsorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SponsorRole::Original => "original",
            SponsorRole::Joined => "joined",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sponsor {
    pub state: String,
    pub printed: String,
    pub role: SponsorRole,
    /// "on behalf of the States Members of the United Nations that are members of the Group of
    /// 77 and China", as printed beside the State.
    pub on_behalf_of: Option<String>,
    pub para: ParaRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Introduction {
    pub state: String,
    pub printed: String,
    pub date: Option<Date>,
    pub para: ParaRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VotingBody {
    FirstCommittee,
    Plenary,
}

impl VotingBody {
    pub fn slug(self) -> &'static str {
        match self {
            VotingBody::FirstCommittee => "first-committee",
            VotingBody::Plenary => "plenary",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StateVote {
    pub state: String,
    pub printed: String,
    pub option: VoteOption,
    pub para: ParaRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntendedVote {
    pub state: String,
    pub printed: String,
    pub option: VoteOption,
    pub para: ParaRef,
}

/// A name in a sponsor list that denotes no State normgraph knows ("United", cut short in the
/// source): kept as printed, with its list and the paragraph it is printed in.
#[derive(Debug, Clone, PartialEq)]
pub struct UnresolvedSponsor {
    pub printed: String,
    pub role: SponsorRole,
    pub para: ParaRef,
}

/// A vote cast under a name that denotes no State normgraph knows: kept as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct UnresolvedVote {
    pub printed: String,
    pub option: VoteOption,
    pub para: ParaRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordedVote {
    pub body: VotingBody,
    /// What was voted on: the text as a whole, a paragraph of it, an amendment to it.
    pub subject: VoteSubject,
    pub meeting: Option<u32>,
    pub date: Option<Date>,
    pub printed_yes: u32,
    pub printed_no: u32,
    pub printed_abstain: u32,
    pub votes: Vec<StateVote>,
    pub unresolved: Vec<UnresolvedVote>,
    pub intended: Vec<IntendedVote>,
    pub para: ParaRef,
}

impl RecordedVote {
    /// A vote on the whole of a text, its lists still to be read.
    pub fn new(body: VotingBody, para: ParaRef) -> Self {
        Self {
            body,
            subject: VoteSubject::Whole,
            meeting: None,
            date: None,
            printed_yes: 0,
            printed_no: 0,
            printed_abstain: 0,
            votes: Vec::new(),
            unresolved: Vec::new(),
            intended: Vec::new(),
            para,
        }
    }

    /// The votes cast one way, under a State's name or a name kept as printed.
    pub fn count(&self, option: VoteOption) -> usize {
        self.votes.iter().filter(|v| v.option == option).count()
            + self
                .unresolved
                .iter()
                .filter(|v| v.option == option)
                .count()
    }

    pub fn printed(&self, option: VoteOption) -> u32 {
        match option {
            VoteOption::Yes => self.printed_yes,
            VoteOption::No => self.printed_no,
            VoteOption::Abstain => self.printed_abstain,
        }
    }
}

/// What a recorded vote decided on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoteSubject {
    /// The text as a whole.
    Whole,
    /// One paragraph, put to a separate vote ("The second preambular paragraph was retained by
    /// a recorded vote of 103 to 53"): `preambular` or operative, and its number.
    Paragraph { preambular: bool, number: u32 },
    /// An amendment to the text, by its symbol where the source gives one.
    Amendment(Option<Symbol>),
}

impl VoteSubject {
    /// The last segment of the vote event's IRI: none for the whole text, "pp2", "op4",
    /// "amendment" or "amendment-A-C.1-77-L.80".
    pub fn slug(&self) -> Option<String> {
        match self {
            VoteSubject::Whole => None,
            VoteSubject::Paragraph { preambular, number } => {
                Some(format!("{}{number}", if *preambular { "pp" } else { "op" }))
            }
            VoteSubject::Amendment(None) => Some("amendment".into()),
            VoteSubject::Amendment(Some(s)) => Some(format!("amendment-{}", s.slug())),
        }
    }
}

/// A text adopted without a vote, where a source says so: by which body, at which meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct WithoutVote {
    pub body: VotingBody,
    pub meeting: Option<u32>,
    pub date: Option<Date>,
    pub para: ParaRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoteOption {
    Yes,
    No,
    Abstain,
}

impl VoteOption {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteOption::Yes => "yes",
            VoteOption::No => "no",
            VoteOption::Abstain => "abstain",
        }
    }
}
