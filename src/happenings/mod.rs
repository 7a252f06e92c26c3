//! Happenings: what each date and duration is about.
//!
//! A story is made of happenings (a crash, the search, the day the recorder
//! was found; a vote, the count, the ruling). Each is named in the text by a
//! trigger word of a bilingual lexicon (`triggers.txt`: language, never a
//! story). This stage, pure like the rest of the core:
//!
//! 1. finds trigger mentions in each sentence, with the people around them
//!    (a pronoun subject takes the people of the sentence before);
//! 2. attaches every date and duration claim to one mention of its clause or
//!    sentence, with a role: `when`, `length`, `since`, `until`, `so-far`,
//!    `offset`, `said-on`, `age`, `deadline`;
//! 3. merges the mentions of an article into its happenings (same kind, and
//!    the same date or none), and, in `index`, the happenings of all articles
//!    (same kind, people in common, dates a day apart at most).
//!
//! Comparison (in `check`) then only ever sets a claim against source claims
//! of the same happening and the same role.

use crate::claims::{DateValue, Extracted, Precision, Value};
use crate::lexicon::HashMap;
use crate::text::{self, Span, TokKind, Token};
use chrono::{Days, NaiveDate};
use std::sync::{Arc, OnceLock};

/// A kind of happening: an index into the lexicon's kinds.
pub type Kind = u16;

/// What a date or a duration says about its happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Role {
    /// When it happened (`pada`, `on`).
    When,
    /// How long it lasted (`selama`, `for`, `berlangsung`, `lasted`).
    Length,
    /// When it began (`sejak`, `since`).
    Since,
    /// When it ended or until when (`hingga`, `until`).
    Until,
    /// A running count written before the end (`sudah tiga hari`, `have now been ... for`).
    SoFar,
    /// Time between two happenings (`kemudian`, `later`, `berselang`).
    Offset,
    /// The date of a statement about it (`kata X kepada wartawan, Rabu (13/1)`).
    SaidOn,
    /// A person's or a thing's age: no duration of the story.
    Age,
    /// A time limit (`dalam 30 hari`, `within 14 days`).
    Deadline,
    /// Anything else (`for the first time in six years`).
    Other,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::When => "when",
            Role::Length => "length",
            Role::Since => "since",
            Role::Until => "until",
            Role::SoFar => "so-far",
            Role::Offset => "offset",
            Role::SaidOn => "said-on",
            Role::Age => "age",
            Role::Deadline => "deadline",
            Role::Other => "other",
        }
    }

    /// Roles whose values are compared with the sources'.
    pub fn compared(self) -> bool {
        matches!(self, Role::When | Role::Length)
    }
}

/// One kind of the lexicon.
#[derive(Debug, Clone)]
pub struct KindInfo {
    pub name: String,
    /// Whether happenings of this kind have a length.
    pub lasts: bool,
    /// Whether it lasts days or more (a strike, a search): its day of beginning is its start.
    pub days: bool,
    /// Whether several of the kind on one day are told apart by their people.
    pub who: bool,
}

/// The trigger lexicon, read once from `triggers.txt`.
pub struct Lexicon {
    pub kinds: Vec<KindInfo>,
    /// First word → (the phrase's other words, kind), longest phrases first.
    by_first: HashMap<String, Vec<(Vec<String>, Kind)>>,
    statement: Kind,
    talk: Kind,
    talkish: Vec<Kind>,
    alike: Vec<Vec<Kind>>,
    /// Phrases that name no happening (`called off`).
    none: Kind,
}

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut kinds = Vec::new();
        let mut by_first: HashMap<String, Vec<(Vec<String>, Kind)>> = HashMap::default();
        for line in include_str!("triggers.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(4, '|').map(str::trim);
            let (Some(name), Some(lasts), Some(who), Some(words)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let kind = kinds.len() as Kind;
            kinds.push(KindInfo {
                name: name.to_string(),
                lasts: lasts == "yes" || lasts == "days",
                days: lasts == "days",
                who: who == "yes",
            });
            for phrase in words.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                // `terombang-ambing` is matched as two words across the hyphen.
                let words: Vec<String> =
                    phrase.split([' ', '-']).filter(|w| !w.is_empty()).map(str::to_string).collect();
                let entry = by_first.entry(words[0].clone()).or_default();
                // The first kind that lists a phrase keeps it.
                if !entry.iter().any(|(rest, _)| *rest == words[1..]) {
                    entry.push((words[1..].to_vec(), kind));
                }
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        let find = |n: &str| kinds.iter().position(|k: &KindInfo| k.name == n).map(|i| i as Kind).unwrap_or(Kind::MAX);
        let statement = find("statement");
        let talk = find("talk");
        let talkish = ["call", "meeting", "negotiation"].iter().map(|n| find(n)).collect();
        // Kinds that name one moment in different words: an aircraft lost, crashed, sank.
        let alike = vec![["crash", "lost", "sinking"].iter().map(|n| find(n)).collect()];
        let none = find("none");
        Lexicon { kinds, by_first, statement, talk, talkish, alike, none }
    })
}

impl Lexicon {
    pub fn name(&self, k: Kind) -> &str {
        self.kinds.get(k as usize).map(|k| k.name.as_str()).unwrap_or("happening")
    }

    pub fn spans_days(&self, k: Kind) -> bool {
        self.kinds.get(k as usize).is_some_and(|i| i.days)
    }

    pub fn lasts(&self, k: Kind) -> bool {
        self.kinds.get(k as usize).is_some_and(|k| k.lasts)
    }

    pub fn is_statement(&self, k: Kind) -> bool {
        k == self.statement
    }

    /// Whether two kinds can name one happening: the same kind, or a general
    /// word for talking (`pembicaraan`, `talks`) and a call, meeting or negotiation.
    pub fn compatible(&self, a: Kind, b: Kind) -> bool {
        a == b
            || (a == self.talk && self.talkish.contains(&b))
            || (b == self.talk && self.talkish.contains(&a))
            || self.alike.iter().any(|g| g.contains(&a) && g.contains(&b))
    }

    /// Whether the kind's lengths are prison terms (a verdict, a demand, an appeal).
    pub fn takes_terms(&self, k: Kind) -> bool {
        matches!(self.name(k), "verdict" | "demand" | "appeal")
    }

    /// Whether happenings of the kind are told apart by their people.
    pub fn who(&self, k: Kind) -> bool {
        self.kinds.get(k as usize).is_some_and(|k| k.who)
    }

    /// Whether the people of two mentions of a kind in one article allow them
    /// to be one happening (an article's unnamed mention is its named one).
    pub fn people_allow(&self, kind: Kind, a: &[Arc<str>], b: &[Arc<str>]) -> bool {
        !self.who(kind) || people_meet(a, b)
    }

    /// Whether two happenings of a kind from different articles (or a draft
    /// and a source) can be one: for kinds told apart by their people, when
    /// both name people and some are the same, or neither names anyone (a
    /// cabinet meeting); one named and one not is no match.
    pub fn people_join(&self, kind: Kind, a: &[Arc<str>], b: &[Arc<str>]) -> bool {
        !self.who(kind) || (a.is_empty() && b.is_empty()) || (!a.is_empty() && !b.is_empty() && people_meet(a, b))
    }

    /// The kind to index a happening under, so that compatible kinds meet.
    pub fn family(&self, k: Kind) -> Kind {
        if self.talkish.contains(&k) {
            return self.talk;
        }
        self.alike.iter().find(|g| g.contains(&k)).map(|g| g[0]).unwrap_or(k)
    }

    /// Of two compatible kinds, the more specific.
    pub fn specific(&self, a: Kind, b: Kind) -> Kind {
        if a == self.talk {
            b
        } else {
            a
        }
    }
}

/// A trigger found in the text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub kind: Kind,
    pub span: Span,
    /// Index of its sentence in `Extracted::sentences`.
    pub sentence: usize,
    /// Folded names of the people of its sentence (or of the sentence before,
    /// for a pronoun subject).
    pub people: Vec<Arc<str>>,
    /// Named as a point of reference (`setelah lepas landas`, `before the flight`).
    pub anchor: bool,
    /// Named as the setting of another (`ketika mengikuti latihan`, `during a drill`).
    pub setting: bool,
    /// Said to happen again (`bertemu lagi`, `kembali bertemu`, `met again`,
    /// `another meeting`): not the one before it.
    pub again: bool,
}

/// A happening of one article (or draft): mentions of one kind and date.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Local {
    pub kind: Kind,
    /// The day it happened, when a `when` claim gives it at day precision.
    pub day: Option<NaiveDate>,
    /// Its `when` date at any precision.
    pub date: Option<DateValue>,
    pub people: Vec<Arc<str>>,
    pub mentions: Vec<usize>,
}

/// A claim's place in the happenings of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attached {
    /// Index into `Reading::happenings`.
    pub happening: usize,
    pub mention: usize,
    pub role: Role,
}

/// The happenings of one article and what each claim is about.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Reading {
    pub mentions: Vec<Mention>,
    pub happenings: Vec<Local>,
    /// One entry per claim of the article (`None` for persons and for claims
    /// no happening was found for).
    pub attached: Vec<Option<Attached>>,
}

impl Reading {
    /// What merging a corpus needs of a reading: its happenings (kind, date,
    /// people) and each claim's attachment, without the mentions they were
    /// read from, which a corpus of many articles would hold for nothing.
    pub fn for_merging(mut self) -> Reading {
        self.mentions = Vec::new();
        for h in &mut self.happenings {
            h.mentions = Vec::new();
        }
        self.happenings.shrink_to_fit();
        self
    }
}

/// Words before a trigger that make it a topic, not a happening of the sentence.
const TOPIC_WORDS: &[&str] = &[
    "membahas",
    "bahas",
    "tentang",
    "soal",
    "mengenai",
    "terkait",
    "about",
    "discussed",
    "discussing",
    "regarding",
    "topik",
    "isu",
    // the inquiry into it, not the happening itself (`laporan akhir investigasi
    // kecelakaan … pada Kamis`, `the investigation into the crash`)
    "investigasi",
    "penyelidikan",
    "penyidikan",
    "into",
];

/// Words before a speaker's name (`kata Galuzin`) and after it (`Peskov said`).
const SPEECH_BEFORE: &[&str] = &[
    "kata",
    "ujar",
    "tutur",
    "menurut",
    "ucap",
    "jelas",
    "imbuh",
    "tambah",
    "tegas",
    "said",
    "says",
    "told",
    "according",
    "to",
    "by",
];
const SPEECH_AFTER: &[&str] = &[
    "mengatakan",
    "menyatakan",
    "menyebut",
    "menyebutkan",
    "menjelaskan",
    "menegaskan",
    "mengungkapkan",
    "berujar",
    "berkata",
    "said",
    "says",
    "told",
    "stated",
    "menambahkan",
    "added",
];

/// Words for bodies that a trigger word can name (`election commission`, `Komisi Pemilihan`).
/// Words naming a body, after a trigger in English (`election commission`,
/// `search agency`): the trigger names the body, not a happening. Before one
/// (`the agency announced`) the body is the subject.
const BODY_AFTER: &[&str] = &[
    "commission",
    "committee",
    "council",
    "agency",
    "board",
    "body",
    "officials",
    "authority",
    // people named by a happening's kind (`air accident investigator`, `quake experts`)
    "investigator",
    "investigators",
    "inspector",
    "inspectors",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "survivors",
    // the inquiry into it (`the crash investigation`, `a fire probe`)
    "investigation",
    "investigations",
    "probe",
    "inquiry",
];
/// The same before a trigger in Indonesian, which puts the head first
/// (`Komisi Pemilihan Umum`, `badan pencarian`, `pengawas pemilu`).
const BODY_BEFORE: &[&str] = &[
    "komisi",
    "badan",
    "panitia",
    "dewan",
    "lembaga",
    "pengawas",
    "bawaslu",
    "penyelidik",
    "penyidik",
    "investigator",
    "pakar",
    "ahli",
];

/// Words that make the happening after them the setting of another.
const SETTING_WORDS: &[&str] =
    &["ketika", "saat", "sewaktu", "tatkala", "selagi", "dalam", "when", "while", "during", "amid"];
/// Words that make the happening after them a point of reference.
const ANCHOR_WORDS: &[&str] =
    &["setelah", "sesudah", "sebelum", "usai", "menjelang", "jelang", "after", "before", "following", "prior", "ahead"];

/// Words after a length that make it a prison term, a verdict's or a demand's.
const TERM_WORDS: &[&str] = &["penjara", "prison", "jail", "kurungan", "bui"];

/// Verbs after which a length is the sentence subject's.
const LENGTH_VERBS: &[&str] =
    &["berlangsung", "berdurasi", "lasted", "lasting", "lasts", "took", "memakan", "makan", "berjalan", "ran"];

/// Pronouns that stand for the person named last, and for the group named last.
const PRONOUNS: &[&str] = &["ia", "dia", "beliau", "he", "she"];
/// Words that point back at a thing named before (`It lasted`, `Operasi itu`).
const THING_PRONOUNS: &[&str] = &["it", "itu", "tersebut", "this", "ini"];
const PLURAL_PRONOUNS: &[&str] = &["mereka", "keduanya", "kedua", "kami", "kita", "they", "both", "we"];
/// Nouns for people after `kedua` (`kedua pemimpin`, `kedua kepala negara`).
const PEOPLE_NOUNS: &[&str] =
    &["pemimpin", "presiden", "tokoh", "kepala", "menteri", "belah", "pihak", "terdakwa", "pemain", "negara"];

/// Words right before token `i` (nearest first), within the sentence, skipping punctuation.
fn words_before<'a>(words: &[&'a str], toks: &[Token], i: usize, n: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut j = i;
    while j > 0 && out.len() < n {
        j -= 1;
        if toks[j].kind == TokKind::Word || toks[j].kind == TokKind::Num {
            out.push(words[j]);
        }
    }
    out
}

fn words_after<'a>(words: &[&'a str], toks: &[Token], i: usize, n: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut j = i;
    while j < toks.len() && out.len() < n {
        if toks[j].kind == TokKind::Word {
            out.push(words[j]);
        }
        j += 1;
    }
    out
}

/// Words of what must or will be done, before a deadline.
const OBLIGED: &[&str] =
    &["wajib", "harus", "akan", "diminta", "diberi", "diwajibkan", "ditargetkan", "target", "batas", "maksimal"];

/// Words that make a following length a plan, not what happened.
const PLANNED: &[&str] =
    &["dijadwalkan", "direncanakan", "rencananya", "semula", "scheduled", "planned", "expected", "slated"];
/// Words that make a following length an extension of the happening, not its length.
const EXTENDED: &[&str] =
    &["diperpanjang", "memperpanjang", "perpanjangan", "extended", "extending", "extension", "prolonged"];

/// The role of a date claim from the words around it.
fn date_role(before: &[&str]) -> Role {
    match before.first().copied() {
        Some("sejak" | "since" | "semenjak") => Role::Since,
        Some("hingga" | "sampai" | "until" | "till" | "through" | "pukul") => Role::Until,
        // `perundingan dilanjutkan 2 Oktober, tetapi AMPTP menghentikannya pada Rabu (11/10)`:
        // the day it was stopped, not the day it happened.
        _ if before.iter().any(|w| HALTED.contains(w)) => Role::Until,
        _ => Role::When,
    }
}

/// Verbs of beginning.
const BEGAN: &[&str] = &[
    "began",
    "begun",
    "begins",
    "begin",
    "started",
    "starts",
    "start",
    "launched",
    "dimulai",
    "mulai",
    "bermula",
    "memulai",
    "dimulainya",
];

/// Verbs of stopping or suspending what another did: a date after them is its end.
const HALTED: &[&str] = &[
    "menghentikan",
    "menghentikannya",
    "dihentikan",
    "dihentikannya",
    "menangguhkan",
    "ditangguhkan",
    "membekukan",
    "dibekukan",
    "suspended",
    "suspend",
    "suspending",
    "halted",
    "halt",
    "halting",
];

/// The role of a duration claim from the words around it.
fn duration_role(before: &[&str], after: &[&str]) -> Role {
    let b = |k: usize| before.get(k).copied().unwrap_or("");
    let a = |k: usize| after.get(k).copied().unwrap_or("");
    if matches!(b(0), "berusia" | "usia" | "umur" | "berumur" | "aged" | "age" | "usianya" | "umurnya") {
        return Role::Age;
    }
    // `for the first time in six years`, `pertama kali dalam enam tahun`.
    if (b(0) == "in" && (b(1) == "time" || b(1) == "first")) || (b(0) == "dalam" && matches!(b(1), "kali" | "pertama"))
    {
        return Role::Other;
    }
    // `a quiet period of three days`: the length of the word before `of`, when that
    // names no happening.
    if b(0) == "of" && !matches!(b(1), "" | "total") && !lexicon().by_first.contains_key(b(1)) {
        return Role::Other;
    }
    // A planned length (`dijadwalkan tujuh hari`, `scheduled to last a week`) or an
    // extension (`diperpanjang tiga hari`, `masing-masing tiga hari`, `extended by three
    // days`) is not the length the happening had.
    if before.iter().take(3).any(|w| PLANNED.contains(w)) {
        return Role::Other;
    }
    let lead = before.iter().position(|w| !matches!(*w, "masing" | "selama" | "by" | "for" | "another")).unwrap_or(0);
    if before.get(lead).is_some_and(|w| EXTENDED.contains(w)) {
        return Role::Other;
    }
    let introduced = matches!(b(0), "for" | "selama" | "during" | "berlangsung" | "berdurasi" | "lasted" | "lasting");
    if !introduced
        && matches!(
            a(0),
            "kemudian"
                | "later"
                | "setelah"
                | "sesudah"
                | "after"
                | "sebelum"
                | "before"
                | "berselang"
                | "earlier"
                | "sebelumnya"
                | "ago"
                | "silam"
                | "setelahnya"
        )
    {
        return Role::Offset;
    }
    // `within 30 days`, `paling lambat 30 hari`; `dalam 30 hari` only for what must or
    // will be done (`wajib menerbitkan laporan dalam 30 hari`): a match won `dalam 1 jam
    // 22 menit` took that long.
    let obliged = before.iter().any(|w| OBLIGED.contains(w));
    if b(0) == "within" || (b(0) == "dalam" && b(1) != "waktu" && obliged) || (b(0) == "lambat" && b(1) == "paling") {
        return Role::Deadline;
    }
    // `setelah tiga hari pencarian`, `after five days of talks`: the count at that point,
    // unless what was counted ended there (`berakhir setelah hampir satu setengah jam
    // pembicaraan`, `ended after two hours of talks`): then it is the whole length.
    let ended = matches!(
        b(1),
        "berakhir" | "selesai" | "rampung" | "ended" | "ends" | "concluded" | "finished" | "wrapped" | "broke"
    ) || (b(1) == "up" && b(2) == "wrapped");
    if ANCHOR_WORDS.contains(&b(0)) && ended {
        return Role::Length;
    }
    let running = ANCHOR_WORDS.contains(&b(0))
        || before.iter().take(4).any(|w| matches!(*w, "sudah" | "now" | "kini" | "hingga kini"))
        || (b(0) == "for" && b(1) == "been" && matches!(b(2), "have" | "has"))
        || (a(0) == "so" && a(1) == "far")
        || (a(0) == "sejauh" && a(1) == "ini")
        || (a(0) == "hingga" && a(1) == "kini")
        || (a(0) == "to" && a(1) == "date");
    if running {
        return Role::SoFar;
    }
    Role::Length
}

/// Tokens of a sentence, lowercased words, and the clause of each token
/// (a clause ends at `,` `;` `:` or a dash).
struct Sentence<'a> {
    toks: Vec<Token>,
    /// ASCII-lowercased words, slices of the article's lowercased text.
    words: Vec<&'a str>,
    clause: Vec<u32>,
}

impl<'a> Sentence<'a> {
    fn new(text: &str, lower: &'a str, span: Span) -> Sentence<'a> {
        let mut toks = Vec::new();
        text::tokenize(text, span, &mut toks);
        let words = toks.iter().map(|t| &lower[t.start..t.end]).collect();
        let mut clause = Vec::with_capacity(toks.len());
        let mut c = 0u32;
        for (k, t) in toks.iter().enumerate() {
            clause.push(c);
            let p = &text[t.start..t.end];
            // `11:40`, `1,5`: separators inside numbers end no clause.
            let in_number = k > 0
                && toks[k - 1].kind == TokKind::Num
                && toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Num && !n.gap)
                && !t.gap;
            if t.kind == TokKind::Punct && matches!(p, "," | ";" | ":" | "—" | "–") && !in_number {
                c += 1;
            }
        }
        Sentence { toks, words, clause }
    }

    /// The token holding or following byte `offset`.
    fn at(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.end <= offset)
    }
}

/// How far a trigger at token `tok` is from a claim at tokens `ti..te`, the
/// score before penalties: a modifier (`a 153-day walkout`) measures what
/// follows it, a length after a verb (`X ... lasted two hours`) the first
/// happening before it, others the nearest, before it rather than after.
fn mention_distance(tok: usize, ti: usize, te: usize, modifier: bool, subject_verb: bool) -> usize {
    if modifier && tok >= te {
        tok - te
    } else if modifier {
        ti - tok + 10
    } else if subject_verb && tok < ti {
        tok
    } else if tok < ti {
        ti - tok
    } else {
        tok.saturating_sub(te) + 2
    }
}

/// At most this many people are taken for one mention from its clause or
/// from the clauses before it: no clause of prose names more, and the bound
/// keeps a line of thousands of clauses linear.
const PEOPLE_PER_MENTION: usize = 16;

/// The first place in `clause_people` (sorted by clause) of each person.
fn first_named(clause_people: &[(u32, Arc<str>)]) -> Vec<usize> {
    let mut seen: crate::lexicon::HashSet<&str> = Default::default();
    (0..clause_people.len()).filter(|&k| seen.insert(&clause_people[k].1)).collect()
}

/// The people `clause` itself names (a run of `clause_people`, which is in
/// clause order), and where the run starts.
fn clause_run(clause_people: &[(u32, Arc<str>)], clause: u32) -> (usize, &[(u32, Arc<str>)]) {
    let lo = clause_people.partition_point(|(c, _)| *c < clause);
    let hi = clause_people.partition_point(|(c, _)| *c <= clause);
    (lo, &clause_people[lo..hi])
}

/// A mention's people: those of its clause (or all, when carried from the
/// sentence before), else those of the clauses before it (a subject named
/// earlier), never a later clause's.
fn people_of_clause(clause_people: &[(u32, Arc<str>)], first_named: &[usize], clause: u32) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = Vec::new();
    let push = |k: &Arc<str>, out: &mut Vec<Arc<str>>| {
        if out.len() < PEOPLE_PER_MENTION && !out.contains(k) {
            out.push(k.clone());
        }
    };
    if clause_people.first().is_some_and(|(c, _)| *c == u32::MAX) {
        for (_, k) in clause_people.iter().take(PEOPLE_PER_MENTION) {
            push(k, &mut out);
        }
        return out;
    }
    let (lo, run) = clause_run(clause_people, clause);
    for (_, k) in run {
        if out.len() == PEOPLE_PER_MENTION {
            break;
        }
        push(k, &mut out);
    }
    if out.is_empty() {
        for &k in first_named.iter().take_while(|&&k| k < lo).take(PEOPLE_PER_MENTION) {
            push(&clause_people[k].1, &mut out);
        }
    }
    out
}

/// Reads the happenings of an extracted article or draft.
pub fn read(ex: &Extracted) -> Reading {
    read_with(ex, true)
}

/// `read`, where `relative_dates` says whether dates resolved from a reference
/// (`hari ini`, `kemarin`) may date a happening: not in an article that states
/// no date of its own and was read against its story's date.
pub fn read_with(ex: &Extracted, relative_dates: bool) -> Reading {
    let lex = lexicon();
    let text = ex.article.text.as_str();
    let lower = text.to_ascii_lowercase();
    let mut reading = Reading { attached: vec![None; ex.claims.len()], ..Default::default() };
    let mut prev_people: Vec<Arc<str>> = Vec::new();
    let mut prev_group: Vec<Arc<str>> = Vec::new();
    let mut prev_line: Option<usize> = None;
    // The paragraph (line) of the sentence that named `prev_people`.
    let mut people_line: Option<usize> = None;
    // The last mention of the paragraph.
    let mut carry: Option<usize> = None;
    // The first word of each title given so far, lowercased → the person given it last.
    let mut titled: HashMap<String, Arc<str>> = HashMap::default();
    let mut claim_i = 0;
    for (si, &span) in ex.sentences.iter().enumerate() {
        let s = Sentence::new(text, &lower, span);
        let line = ex.article.line_of(span.start).map(|l| l.span.start);
        if line != prev_line {
            carry = None;
            prev_line = line;
        }
        // The claims of this sentence.
        while claim_i < ex.claims.len() && ex.claims[claim_i].span.start < span.start {
            claim_i += 1;
        }
        let mut claims: Vec<usize> = Vec::new();
        let mut k = claim_i;
        while k < ex.claims.len() && ex.claims[k].span.start < span.end {
            claims.push(k);
            k += 1;
        }
        // A title alone as the subject (`Presiden kemudian menemui …`, `The president
        // later met …`) stands for the one the article last gave that title (before
        // this sentence).
        let title_subject = {
            let k = usize::from(s.words.first().is_some_and(|w| matches!(*w, "the" | "sang")));
            s.words.get(k).and_then(|w| titled.get(*w)).cloned()
        };
        let mut people: Vec<Arc<str>> = Vec::new();
        let mut clause_people: Vec<(u32, Arc<str>)> = Vec::new();
        let mut seen: crate::lexicon::HashSet<Arc<str>> = Default::default();
        for &c in &claims {
            if let Value::Person(p) = &ex.claims[c].value {
                if let Some(role) = &p.role {
                    let first = role.split_whitespace().next().unwrap_or("").to_lowercase();
                    if first.len() > 2 {
                        titled.insert(first, p.key.clone());
                    }
                }
                // The one who says it (`kata Galuzin`, `menurut Galuzin`, `Peskov said`)
                // takes no part in what is said.
                let ti = s.at(ex.claims[c].span.start);
                let te = s.at(ex.claims[c].span.end.saturating_sub(1)) + 1;
                let before = words_before(&s.words, &s.toks, ti, 1);
                let after = words_after(&s.words, &s.toks, te, 1);
                let speaker = before.first().is_some_and(|w| SPEECH_BEFORE.contains(w))
                    || after.first().is_some_and(|w| SPEECH_AFTER.contains(w));
                if !speaker && seen.insert(p.key.clone()) {
                    people.push(p.key.clone());
                }
                if !speaker {
                    clause_people.push((s.clause.get(ti).copied().unwrap_or(0), p.key.clone()));
                }
            }
        }
        // A pronoun subject takes the people before: a plural one (`Mereka`,
        // `keduanya`, `They`) the last group named, a singular one the last person.
        let has = |list: &[&str]| {
            s.words.iter().zip(&s.toks).enumerate().any(|(k, (w, t))| {
                // `kedua` is "the two" only before people (`kedua pemimpin`), not `kedua laga`.
                let people_next = s.words.get(k + 1).is_some_and(|n| PEOPLE_NOUNS.contains(n));
                t.kind == TokKind::Word && list.contains(w) && (*w != "kedua" || people_next)
            })
        };
        if people.is_empty() {
            if let Some(p) = title_subject {
                people = vec![p];
                clause_people = people.iter().map(|p| (u32::MAX, p.clone())).collect();
            }
        }
        if people.is_empty() {
            let carried = if has(PLURAL_PRONOUNS) {
                Some(if prev_group.is_empty() { prev_people.clone() } else { prev_group.clone() })
            } else if has(PRONOUNS) {
                Some(prev_people.clone())
            } else if has(THING_PRONOUNS) && people_line == line && line.is_some() {
                // A sentence that points back at a thing of its paragraph (`Hukuman itu jauh
                // lebih ringan daripada tuntutan jaksa`) is about the people named before.
                Some(prev_people.clone())
            } else {
                None
            };
            if let Some(c) = carried {
                people = c;
                clause_people = people.iter().map(|p| (u32::MAX, p.clone())).collect();
            }
        }
        let first_named = first_named(&clause_people);
        // Triggers, longest phrase first, never inside a claim.
        // Claims come in order of their start (persons are claims too): a token is
        // inside one when the furthest end of the claims started by it covers it.
        let mut claim_ptr = 0;
        let mut covered_to = 0;
        let mut here: Vec<(usize, usize)> = Vec::new(); // (mention index, token)
        let mut i = 0;
        while i < s.toks.len() {
            let t = s.toks[i];
            while claim_ptr < claims.len() && ex.claims[claims[claim_ptr]].span.start <= t.start {
                covered_to = covered_to.max(ex.claims[claims[claim_ptr]].span.end);
                claim_ptr += 1;
            }
            if t.kind != TokKind::Word || (claim_ptr > 0 && t.end <= covered_to) {
                i += 1;
                continue;
            }
            let mut found = None;
            // A one-word trigger also takes the clitic `-nya` (`mengumumkannya`,
            // `kematiannya`); a phrase's first word does not.
            let clitic = s.words[i].strip_suffix("nya").filter(|w| w.len() > 3);
            let list = lex
                .by_first
                .get(s.words[i])
                .map(|l| (l, false))
                .or_else(|| clitic.and_then(|w| lex.by_first.get(w)).map(|l| (l, true)));
            if let Some((list, clitic)) = list {
                for (rest, kind) in list {
                    if clitic && !rest.is_empty() {
                        continue;
                    }
                    // Words of a phrase follow each other, across a hyphen.
                    let mut k = i + 1;
                    let mut ok = true;
                    for w in rest {
                        if s.toks.get(k).is_some_and(|t| t.kind == TokKind::Punct && !t.gap && s.words[k] == "-") {
                            k += 1;
                        }
                        if s.words.get(k) != Some(&w.as_str()) {
                            ok = false;
                            break;
                        }
                        k += 1;
                    }
                    if ok {
                        found = Some((k - i - 1, *kind));
                        break;
                    }
                }
            }
            // A happening that is only talked about (`membahas banjir`, `about the flood`)
            // is not what this sentence's claims measure.
            let topic = words_before(&s.words, &s.toks, i, 2).iter().any(|w| TOPIC_WORDS.contains(w));
            // `Flight-tracking data`: a word that only modifies another names no happening.
            let compound = found.is_some_and(|(extra, _)| {
                let e = i + extra;
                e + 2 < s.toks.len()
                    && s.toks[e + 1].kind == TokKind::Punct
                    && &text[s.toks[e + 1].start..s.toks[e + 1].end] == "-"
                    && !s.toks[e + 1].gap
                    && !s.toks[e + 2].gap
            });
            // A trigger inside a name or naming a body (`Komisi Pemilihan Umum`,
            // `the election commission`) names no happening.
            let named = found.is_some_and(|(extra, _)| {
                let cap = |k: usize| {
                    s.toks
                        .get(k)
                        .is_some_and(|t| t.kind == TokKind::Word && crate::text::is_capitalized(&text[t.start..t.end]))
                };
                let e = i + extra;
                let body = |list: &[&str], w: &&str| {
                    let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
                    list.contains(&w)
                };
                let body_after = s.words.get(e + 1).is_some_and(|w| body(BODY_AFTER, w));
                let body_before = i > 0 && s.words.get(i - 1).is_some_and(|w| body(BODY_BEFORE, w));
                let in_name = cap(i) && i > 0 && !s.toks[i].newline && (cap(i - 1) && i - 1 > 0 || cap(e + 1));
                body_after || body_before || in_name
            });
            match found {
                Some((extra, kind)) if kind == lex.none || topic || compound || named => i += extra + 1,
                Some((extra, kind)) => {
                    let end = s.toks[i + extra].end;
                    // Its people: those of its clause, else those of the clauses before
                    // it (a subject named earlier), never a later clause's.
                    let clause = s.clause.get(i).copied().unwrap_or(0);
                    let mine = people_of_clause(&clause_people, &first_named, clause);
                    // A happening named as a point of reference (`tak lama setelah lepas
                    // landas`, `four days before the flight`) is not what the clause dates.
                    let anchor = words_before(&s.words, &s.toks, i, 3).iter().any(|w| ANCHOR_WORDS.contains(w));
                    // A happening named as the setting of another (`hilang kontak ketika
                    // mengikuti latihan`, `lost contact during a drill`) is dated by the
                    // clause only when nothing else is; a clause's first happening is its own.
                    let clause_here = s.clause.get(i).copied();
                    let setting = words_before(&s.words, &s.toks, i, 2).iter().any(|w| SETTING_WORDS.contains(w))
                        && here.iter().any(|&(m, tok)| {
                            s.clause.get(tok).copied() == clause_here && !lex.is_statement(reading.mentions[m].kind)
                        });
                    let again = words_before(&s.words, &s.toks, i, 1)
                        .iter()
                        .any(|w| matches!(*w, "kembali" | "another" | "second" | "kedua"))
                        || words_after(&s.words, &s.toks, i + extra + 1, 2)
                            .iter()
                            .any(|w| matches!(*w, "lagi" | "again"));
                    reading.mentions.push(Mention {
                        kind,
                        span: Span::new(t.start, end),
                        sentence: si,
                        people: mine,
                        anchor,
                        setting,
                        again,
                    });
                    here.push((reading.mentions.len() - 1, i));
                    i += extra + 1;
                }
                None => i += 1,
            }
        }
        // For each token, the last `setelah`/`after` of its clause before it.
        let mut anchor_before: Vec<Option<usize>> = Vec::with_capacity(s.toks.len() + 1);
        let mut last: Option<usize> = None;
        for k in 0..=s.toks.len() {
            if k > 0 && s.clause.get(k) != s.clause.get(k - 1) {
                last = None;
            }
            anchor_before.push(last);
            if s.toks.get(k).is_some_and(|t| t.kind == TokKind::Word) && ANCHOR_WORDS.contains(&s.words[k]) {
                last = Some(k);
            }
        }
        // Whether the sentence points back at what the paragraph is about.
        let points_back = s.words.iter().zip(&s.toks).any(|(w, t)| {
            t.kind == TokKind::Word
                && (THING_PRONOUNS.contains(w) || PRONOUNS.contains(w) || PLURAL_PRONOUNS.contains(w))
        });
        // The mentions a date or a duration may measure, in token order. A happening
        // named as a point of reference dates nothing, but may have a length (`after a
        // search that lasted 13 days`).
        let lengthy: Vec<(usize, usize)> =
            here.iter().copied().filter(|&(m, _)| !lex.is_statement(reading.mentions[m].kind)).collect();
        let dated: Vec<(usize, usize)> =
            lengthy.iter().copied().filter(|&(m, _)| !reading.mentions[m].anchor).collect();
        // Attach each date and duration to a mention of its clause or sentence.
        // The day each mention of this sentence was dated by, so far.
        let mut day_of_mention: HashMap<usize, NaiveDate> = HashMap::default();
        for &c in &claims {
            let claim = &ex.claims[c];
            let is_date = matches!(claim.value, Value::Date(_));
            if claim.stamp || !(is_date || matches!(claim.value, Value::Duration(_))) {
                continue;
            }
            let ti = s.at(claim.span.start);
            let te = s.at(claim.span.end.saturating_sub(1)) + 1;
            let before = words_before(&s.words, &s.toks, ti, 5);
            let after = words_after(&s.words, &s.toks, te, 3);
            let mut role = if is_date { date_role(&before) } else { duration_role(&before, &after) };
            // The date of saying: a speech word just before the date.
            if is_date && role == Role::When {
                // `here` is in token order: only the 12 tokens before the date are looked at.
                let near =
                    &here[here.partition_point(|&(_, tok)| tok + 12 < ti)..here.partition_point(|&(_, tok)| tok < ti)];
                let said = near.iter().rev().find(|&&(m, _)| lex.is_statement(reading.mentions[m].kind));
                if let Some(&(m, _)) = said {
                    let between_trigger = near
                        .iter()
                        .any(|&(m2, tok2)| m2 != m && tok2 > s.at(reading.mentions[m].span.start) && tok2 < ti);
                    if !between_trigger {
                        reading.attached[c] = Some(Attached { happening: usize::MAX, mention: m, role: Role::SaidOn });
                        continue;
                    }
                }
            }
            let clause = s.clause.get(ti).copied().unwrap_or(0);
            // `X ... berlangsung dua jam`, `X lasted two hours`: the length is the
            // subject's, the first happening named before the verb.
            // After a relative pronoun (`a campaign that lasted two months`, `kampanye
            // yang berlangsung 75 hari`) the length is the nearest happening's.
            let verb_at = before.iter().take(2).position(|w| LENGTH_VERBS.contains(w));
            let relative =
                verb_at.is_some_and(|k| before.get(k + 1).is_some_and(|w| matches!(*w, "that" | "which" | "yang")));
            let subject_verb = verb_at.is_some() && !relative;
            let term = !is_date && after.first().is_some_and(|w| TERM_WORDS.contains(w));
            // `a 153-day walkout`, `the 81-minute final`: the length of what follows.
            let modifier =
                !is_date && claim.text(text).contains('-') && claim.text(text).ends_with(|c: char| c.is_alphabetic());
            let score = |m: usize, tok: usize| {
                let kind = reading.mentions[m].kind;
                let dist = mention_distance(tok, ti, te, modifier, subject_verb);
                let other_clause = s.clause.get(tok).copied().unwrap_or(0) != clause;
                let misfit = (role == Role::Length && !lex.lasts(kind)) || (term && !lex.takes_terms(kind));
                let anchor = reading.mentions[m].anchor;
                let setting = is_date && reading.mentions[m].setting;
                dist + if other_clause { 40 } else { 0 }
                    + if misfit { 25 } else { 0 }
                    + if anchor { 15 } else { 0 }
                    + if setting { 12 } else { 0 }
            };
            let cands = if is_date { &dated } else { &lengthy };
            // The candidate with the least score; a score is its distance plus at most
            // `MAX_PENALTY`, so each side is walked outward only while its distance
            // alone can still win (linear in a line of thousands of clauses).
            let mut best: Option<(usize, usize)> = None;
            // The people the claim's own clause names: a happening told apart by its
            // people that names none of them is not what this clause dates (`Sambo dan
            // Putri menjalani sidang pada Senin, sedangkan Richard dan Kuat sehari kemudian`).
            let claim_clause_people: Vec<&Arc<str>> =
                clause_run(&clause_people, clause).1.iter().take(PEOPLE_PER_MENTION).map(|(_, k)| k).collect();
            let mut others_dated = false;
            let mut consider = |m: usize, tok: usize| -> bool {
                let dist = mention_distance(tok, ti, te, modifier, subject_verb);
                if best.is_some_and(|(b, _)| dist > b) {
                    return false;
                }
                let mention = &reading.mentions[m];
                if !claim_clause_people.is_empty()
                    && lex.who(mention.kind)
                    && !mention.people.is_empty()
                    && !claim_clause_people.iter().any(|p| mention.people.iter().any(|q| same_person(p, q)))
                {
                    others_dated = true;
                    return true;
                }
                let c = (score(m, tok), m);
                if best.is_none_or(|b| c < b) {
                    best = Some(c);
                }
                true
            };
            let split = cands.partition_point(|&(_, tok)| tok < ti);
            // A date after `setelah`/`after` in its clause dates what follows the word
            // (`tak lama setelah Trump kembali menjabat bulan lalu`), never a happening
            // named before it.
            let cut = if is_date { anchor_before[ti] } else { None };
            let left = match cut {
                Some(a) => cands[..split].partition_point(|&(_, tok)| tok < a),
                None => 0,
            };
            if subject_verb && !modifier {
                // Before the date the first mention is nearest (`X ... berlangsung dua jam`).
                for &(m, tok) in &cands[left..split] {
                    if !consider(m, tok) {
                        break;
                    }
                }
            } else {
                for &(m, tok) in cands[left..split].iter().rev() {
                    if !consider(m, tok) {
                        break;
                    }
                }
            }
            for &(m, tok) in &cands[split..] {
                if !consider(m, tok) {
                    break;
                }
            }
            let mention = match best {
                Some((_, m)) => Some(m),
                // What the date is of goes unnamed: it dates nothing named.
                None if cut.is_some() || others_dated => None,
                // No trigger in the sentence: the happening the paragraph is about,
                // unless the sentence names other people (`Kuat received 15 years`
                // after Sambo's verdict is Kuat's, not Sambo's).
                // A length goes to it only when the sentence points back at it, by its
                // people or a pronoun (`It lasted 108 days`), not `Polling stations were
                // open for six hours` after the campaign.
                None => carry.filter(|&m| {
                    let joins = lex.people_join(reading.mentions[m].kind, &reading.mentions[m].people, &people);
                    if is_date {
                        joins || people.is_empty()
                    } else {
                        (joins && !people.is_empty()) || points_back
                    }
                }),
            };
            if let Some(m) = mention {
                if role == Role::Length && !lex.lasts(reading.mentions[m].kind) {
                    role = Role::Other;
                }
                // A moment has no start: `hilang kontak sejak Rabu` is lost on Wednesday.
                if role == Role::Since && !lex.lasts(reading.mentions[m].kind) {
                    role = Role::When;
                }
                // What lasts days began on its day of beginning (`the strike it had begun
                // on May 2`, `pencarian dimulai Rabu`): its start, not its date.
                if role == Role::When
                    && lex.spans_days(reading.mentions[m].kind)
                    && before.iter().take(3).any(|w| BEGAN.contains(w))
                {
                    role = Role::Since;
                }
                // A second day for a mention of another clause, in a sentence that already
                // dated it, is a happening whose trigger is left out (`beat Thailand on
                // Monday, Oct. 11, and Chinese Taipei by the same score two days later`).
                let day = match &claim.value {
                    Value::Date(d) if role == Role::When && d.precision == Precision::Day => d.date(),
                    _ => None,
                };
                let mut m = m;
                if let Some(day) = day {
                    // `here` is in mention order: a binary search finds the mention's token.
                    let m_tok = here.binary_search_by_key(&m, |&(x, _)| x).ok().map(|k| here[k].1);
                    let other_clause = m_tok.is_some_and(|t| s.clause.get(t).copied() != Some(clause));
                    match day_of_mention.get(&m).copied() {
                        Some(first) if first != day && other_clause => {
                            let mention = &reading.mentions[m];
                            let elided = Mention {
                                kind: mention.kind,
                                span: claim.span,
                                sentence: si,
                                people: people_of_clause(&clause_people, &first_named, clause),
                                anchor: false,
                                setting: false,
                                again: true,
                            };
                            reading.mentions.push(elided);
                            m = reading.mentions.len() - 1;
                            day_of_mention.insert(m, day);
                        }
                        Some(_) => {}
                        None => {
                            day_of_mention.insert(m, day);
                        }
                    }
                }
                reading.attached[c] = Some(Attached { happening: usize::MAX, mention: m, role });
            }
        }
        // What the paragraph is about: its latest happening, not one named as a point of
        // reference (`menjelang pemungutan suara`).
        if let Some(&(m, _)) = dated.last() {
            carry = Some(m);
        }
        if people.len() >= 2 {
            prev_group = people.clone();
        }
        if !people.is_empty() {
            prev_people = people;
            people_line = line;
        }
    }
    merge_local(ex, &mut reading, relative_dates);
    reading
}

/// The day and date of each mention, from its `when` claims.
fn mention_dates(ex: &Extracted, reading: &Reading, relative_dates: bool) -> Vec<Option<DateValue>> {
    let mut out: Vec<Option<DateValue>> = vec![None; reading.mentions.len()];
    for (c, a) in reading.attached.iter().enumerate() {
        let Some(a) = a else { continue };
        if a.role != Role::When {
            continue;
        }
        if let Value::Date(d) = &ex.claims[c].value {
            if !relative_dates && d.relative {
                continue;
            }
            if d.year.is_some() && out[a.mention].is_none_or(|o| d.precision < o.precision) {
                out[a.mention] = Some(*d);
            }
        }
    }
    out
}

/// Whether two dates can be one happening's in one article: their intervals overlap.
pub fn same_dates(a: &DateValue, b: &DateValue) -> bool {
    match (interval(a), interval(b)) {
        (Some(x), Some(y)) => gap_days(x, y) == 0,
        _ => false,
    }
}

pub fn interval(d: &DateValue) -> Option<(NaiveDate, NaiveDate)> {
    let y = d.year?;
    match d.precision {
        Precision::Day => d.date().map(|x| (x, x)),
        Precision::Week => {
            let start = NaiveDate::from_isoywd_opt(y, d.week?, chrono::Weekday::Mon)?;
            Some((start, start + Days::new(6)))
        }
        Precision::Month => {
            let start = NaiveDate::from_ymd_opt(y, d.month? as u32, 1)?;
            let end = start.checked_add_months(chrono::Months::new(1))? - Days::new(1);
            Some((start, end))
        }
        Precision::Year => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?)),
    }
}

/// Days between two date intervals, 0 when they overlap.
pub fn gap_days(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_days()
    } else {
        0
    }
}

pub fn people_meet(a: &[Arc<str>], b: &[Arc<str>]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.iter().any(|x| b.iter().any(|y| same_person(x, y)))
}

/// The people of many happenings as numbers, and for each the others that
/// are them, found once for all: merging an archive's happenings asks about
/// the same names millions of times, and the name matcher is the costly
/// part. Its answers are `people_join`'s, name for name.
#[derive(Default)]
pub struct PeopleIds<'a> {
    ids: HashMap<&'a str, u32>,
    names: Vec<&'a str>,
    /// A bit for the first letter of each one's last word: two names are one
    /// person only when these are the same (see `same_person`).
    initial: Vec<u64>,
    /// `alike[y]`: every other `x` with `same_person(x, y)` (see `finish`).
    alike: Vec<Vec<u32>>,
    /// The words of the names, numbered, and how two compare.
    words: HashMap<&'a str, u32>,
    word_match: std::cell::RefCell<HashMap<(u32, u32), crate::names::TokenMatch>>,
}

impl<'a> PeopleIds<'a> {
    /// The numbers of `people`, in order.
    pub fn of(&mut self, people: &'a [Arc<str>]) -> Vec<u32> {
        people
            .iter()
            .map(|p| {
                *self.ids.entry(&**p).or_insert_with(|| {
                    self.names.push(p);
                    for w in crate::names::words(p) {
                        let n = self.words.len() as u32;
                        self.words.entry(w).or_insert(n);
                    }
                    self.initial.push(1 << (surname_initial(p).map_or(63, |c| c as u32 % 63)));
                    (self.names.len() - 1) as u32
                })
            })
            .collect()
    }

    fn meet(&self, a: &[u32], b: &[u32]) -> bool {
        if a.is_empty() || b.is_empty() {
            return true;
        }
        let initials = |v: &[u32]| v.iter().fold(0u64, |m, &x| m | self.initial[x as usize]);
        if initials(a) & initials(b) == 0 {
            return false;
        }
        debug_assert_eq!(self.alike.len(), self.names.len(), "PeopleIds::finish before asking");
        a.iter().any(|&x| b.iter().any(|&y| x == y || self.alike[y as usize].contains(&x)))
    }

    /// `same_person`, with the words of names compared once a pair (an
    /// archive's names share their first names and surnames).
    fn same_person(&self, x: u32, y: u32) -> bool {
        let mut known = self.word_match.borrow_mut();
        same_person_by(self.names[x as usize], self.names[y as usize], &mut |a, b| match (
            self.words.get(a),
            self.words.get(b),
        ) {
            (Some(&i), Some(&j)) => *known.entry((i, j)).or_insert_with(|| crate::names::compare_tokens(a, b)),
            _ => crate::names::compare_tokens(a, b),
        })
    }

    /// Once every name is in: for each person, the others `same_person` finds
    /// to be them (every `x != y` with `same_person(x, y)`). Candidates come from
    /// keys two such names always share (the spelling or transliteration of a
    /// word, or a deletion of at most two letters from the last word, as
    /// `compare_tokens` allows), so no pair is missed and no name is compared
    /// with every other; each candidate is then asked `same_person` itself.
    pub fn finish(&mut self) {
        // Every key holds its kind and the first letter of the name's last word,
        // which names of one person share (`same_person`).
        fn keyed(tag: u8, initial: Option<char>) -> crate::lexicon::Fnv {
            let mut h = crate::lexicon::Fnv::default();
            std::hash::Hasher::write_u8(&mut h, tag);
            std::hash::Hasher::write_u32(&mut h, initial.map_or(0, |c| c as u32 + 1));
            h
        }
        // A word as written (folded) and transliterated.
        fn word_keys(initial: Option<char>, w: &str) -> [u64; 2] {
            let key = |tag, s: &str| {
                let mut h = keyed(tag, initial);
                std::hash::Hasher::write(&mut h, s.as_bytes());
                std::hash::Hasher::finish(&h)
            };
            [key(b'f', &crate::text::fold(w)), key(b't', &crate::names::translit(w))]
        }
        // The last word and its deletions (two from a word of eight letters or more,
        // where `compare_tokens` allows two edits; else one).
        fn last_keys(initial: Option<char>, last: &str) -> Vec<u64> {
            let chars: Vec<char> = crate::text::fold(last).chars().collect();
            let n = chars.len();
            let without = |skip: &[usize]| crate::names::hash_without(keyed(b'd', initial), &chars, skip);
            let mut out = vec![without(&[])];
            for i in 0..n {
                out.push(without(&[i]));
                if n >= 8 {
                    out.extend((i + 1..n).map(|j| without(&[i, j])));
                }
            }
            out
        }
        // Each name under its words and its last word's deletions; asked for by
        // its last word (a name in another order has its last word among the
        // other's words). Sorted by key, each key's names side by side.
        let mut entries: Vec<(u64, bool, u32)> = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            let (i, initial) = (i as u32, surname_initial(name));
            let words = crate::names::words(name);
            let Some(&last) = words.last() else { continue };
            for (j, w) in words.iter().enumerate() {
                entries.extend(word_keys(initial, w).map(|k| (k, j == words.len() - 1, i)));
            }
            entries.extend(last_keys(initial, last).into_iter().map(|k| (k, true, i)));
        }
        entries.sort_unstable();
        entries.dedup();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for group in entries.chunk_by(|a, b| a.0 == b.0) {
            // Asked for (`true`) sort after the rest of the key's names.
            let asking = group.partition_point(|e| !e.1);
            for y in &group[asking..] {
                for x in group {
                    if x.2 != y.2 {
                        pairs.push((x.2.min(y.2), x.2.max(y.2)));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut alike: Vec<Vec<u32>> = vec![Vec::new(); self.names.len()];
        for &(x, y) in &pairs {
            for (a, b) in [(x, y), (y, x)] {
                if self.same_person(a, b) {
                    alike[b as usize].push(a);
                }
            }
        }
        self.alike = alike;
    }

    /// For each person, the others that are them (`finish` computes it).
    pub fn alike(&self, y: u32) -> &[u32] {
        &self.alike[y as usize]
    }

    /// `Lexicon::people_join` on numbered people.
    pub fn join(&self, lex: &Lexicon, kind: Kind, a: &[u32], b: &[u32]) -> bool {
        !lex.who(kind) || (a.is_empty() && b.is_empty()) || (!a.is_empty() && !b.is_empty() && self.meet(a, b))
    }
}

/// Whether every one of `a` is one of `b` (and `a` names someone).
pub fn people_within(a: &[Arc<str>], b: &[Arc<str>]) -> bool {
    !a.is_empty() && a.iter().all(|x| b.iter().any(|y| same_person(x, y)))
}

/// Two folded names of one person: equal, one the other's surname, or
/// variant spellings of one name (a misspelt name is still its person).
fn same_person(a: &str, b: &str) -> bool {
    same_person_by(a, b, &mut crate::names::compare_tokens)
}

/// `same_person` with the words of names compared by `cmp`.
fn same_person_by(a: &str, b: &str, cmp: &mut dyn FnMut(&str, &str) -> crate::names::TokenMatch) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if !short.contains(' ') && long.rsplit(' ').next() == Some(short) {
        return true;
    }
    // Variants share their surname's first letter (cheap, before the name matcher).
    if surname_initial(a) != surname_initial(b) {
        return false;
    }
    crate::names::match_names_by(a, b, cmp).is_some()
}

/// The first letter of a folded name's last word.
fn surname_initial(name: &str) -> Option<char> {
    name.rsplit(' ').next().and_then(|w| w.chars().next())
}

/// Merges the mentions of one article into its happenings: a dated mention
/// joins a happening of a compatible kind on the same date (or a day apart),
/// else the undated one before it; an undated mention joins the latest
/// happening of a compatible kind.
fn merge_local(ex: &Extracted, reading: &mut Reading, relative_dates: bool) {
    let lex = lexicon();
    let dates = mention_dates(ex, reading, relative_dates);
    let mut of_mention = vec![usize::MAX; reading.mentions.len()];
    let mut locals: Vec<Local> = Vec::new();
    let mut last_used: Vec<usize> = Vec::new();
    // The happenings of each kind family, statements apart (a statement joins nothing).
    let mut by_family: HashMap<Kind, Vec<usize>> = HashMap::default();
    let lines: Vec<Option<usize>> = reading
        .mentions
        .iter()
        .map(|m| ex.sentences.get(m.sentence).and_then(|s| ex.article.line_of(s.start)).map(|l| l.span.start))
        .collect();
    let line_of_mention = |m: usize| lines[m];
    for (m, mention) in reading.mentions.iter().enumerate() {
        if lex.is_statement(mention.kind) {
            // A statement is its own happening, dated by its date of saying.
            locals.push(Local {
                kind: mention.kind,
                day: None,
                date: None,
                people: mention.people.clone(),
                mentions: vec![m],
            });
            last_used.push(m);
            of_mention[m] = locals.len() - 1;
            continue;
        }
        // Compatible kinds share a family (`family`), so only the family's
        // happenings are looked at, in the order they were made.
        let fam = lex.family(mention.kind);
        let bucket: &[usize] = by_family.get(&fam).map(|v| v.as_slice()).unwrap_or(&[]);
        let target = match &dates[m] {
            Some(d) => bucket
                .iter()
                .copied()
                .find(|&i| {
                    let l = &locals[i];
                    // One article reckons its dates in one calendar: the same date, not a day off.
                    lex.compatible(l.kind, mention.kind)
                        && l.date.as_ref().is_some_and(|x| same_dates(x, d))
                        && lex.people_allow(mention.kind, &l.people, &mention.people)
                })
                // Else the undated one its paragraph named before (a headline's or a
                // lead's happening, dated further on), unless the date lies years before
                // the article (`after the 153-day strike of 1988`: another strike).
                .or_else(|| {
                    if long_before(Some(d), ex.reference) {
                        return None;
                    }
                    bucket.iter().rev().copied().find(|&i| {
                        lex.compatible(locals[i].kind, mention.kind)
                            && locals[i].date.is_none()
                            && (line_of_mention(last_used[i]) == line_of_mention(m)
                                || !lex.who(mention.kind)
                                // not a part (one match) of a paragraph whose happening is dated (the tie)
                                || !bucket.iter().any(|&j| {
                                    let j = &locals[j];
                                    j.date.is_some()
                                        && lex.compatible(j.kind, mention.kind)
                                        && line_of_mention(j.mentions[0]) == line_of_mention(locals[i].mentions[0])
                                }))
                            && lex.people_allow(mention.kind, &locals[i].people, &mention.people)
                    })
                }),
            // An undated mention is the paragraph's happening of its kind (`The
            // semi-final on Saturday ... Christie beat Antonsen in 100 minutes`),
            // else the latest of its kind and people.
            None => {
                let fits = |i: usize| lex.compatible(locals[i].kind, mention.kind);
                let allowed = |i: usize| lex.people_allow(mention.kind, &locals[i].people, &mention.people);
                let here: Vec<usize> = bucket
                    .iter()
                    .copied()
                    .filter(|&i| fits(i) && line_of_mention(last_used[i]) == line_of_mention(m))
                    .collect();
                if here.is_empty() {
                    // A happening dated long before the article (`the 153-day walkout of
                    // 1988`) was named in passing: the article's own comes first.
                    let recent = |i: usize| !long_before(locals[i].date.as_ref(), ex.reference);
                    let pick = |keep: &dyn Fn(usize) -> bool| {
                        bucket
                            .iter()
                            .copied()
                            .filter(|&i| fits(i) && allowed(i) && keep(i))
                            .max_by_key(|&i| last_used[i])
                    };
                    pick(&recent).or_else(|| pick(&|_| true))
                } else {
                    // In its paragraph, with other people, it is a happening of its own
                    // (another match of the same tie).
                    here.into_iter().filter(|&i| allowed(i)).max_by_key(|&i| last_used[i])
                }
            }
        };
        let i = match target {
            Some(i) => {
                let l = &mut locals[i];
                l.kind = lex.specific(l.kind, mention.kind);
                if l.date.is_none() {
                    l.date = dates[m];
                }
                for p in &mention.people {
                    if !l.people.contains(p) {
                        l.people.push(p.clone());
                    }
                }
                l.mentions.push(m);
                last_used[i] = m;
                i
            }
            None => {
                locals.push(Local {
                    kind: mention.kind,
                    day: None,
                    date: dates[m],
                    people: mention.people.clone(),
                    mentions: vec![m],
                });
                last_used.push(m);
                by_family.entry(fam).or_default().push(locals.len() - 1);
                locals.len() - 1
            }
        };
        of_mention[m] = i;
    }
    for l in &mut locals {
        l.day = l.date.and_then(|d| d.date());
    }
    for a in reading.attached.iter_mut().flatten() {
        a.happening = of_mention[a.mention];
    }
    reading.happenings = locals;
}

/// Whether a date ends a year or more before the article's reference date (a
/// happening named in passing, `the 153-day strike of 1988`).
fn long_before(date: Option<&DateValue>, reference: Option<NaiveDate>) -> bool {
    match (date.and_then(interval), reference) {
        (Some((_, end)), Some(r)) => (r - end).num_days() >= 365,
        _ => false,
    }
}

/// A date for people: `12 Feb 2025`.
pub fn short_date(d: &DateValue) -> Option<String> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m = |x: u8| MONTHS.get((x as usize).wrapping_sub(1)).copied().unwrap_or("?");
    Some(match (d.precision, d.year, d.month, d.day) {
        (Precision::Day, Some(y), Some(mo), Some(day)) => format!("{day} {} {y}", m(mo)),
        (Precision::Month, Some(y), Some(mo), _) => format!("{} {y}", m(mo)),
        (Precision::Year, Some(y), _, _) => y.to_string(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{extract, Options};

    #[test]
    fn numbered_people_join_as_named_people_do() {
        // Variants (a letter doubled, dropped or changed, a transliteration, the
        // surname alone, another word order) and near misses, every pair of lists.
        let names = [
            "volodymyr zelensky",
            "volodymyr zelenskyy",
            "zelenskiy",
            "zelensky",
            "xi jinping",
            "jinping xi",
            "jinping hu",
            "muammar gaddafi",
            "muammar qaddafi",
            "alexei navalny",
            "aleksei navalnyy",
            "sjafrie sjamsoeddin",
            "sjarfie sjamsoeddin",
            "prabowo subianto",
            "parbowo subianto",
            "subianto",
            "melania trump",
            "donald trump",
            "truman",
            "joko widodo",
            "joko susilo",
            "ahmad fauzi",
            "ahmad fauzan",
            "mikhail yurievich galuzin",
            "mikhail galusin",
            "schwarzenegger",
            "schwartzeneger",
        ];
        let lists: Vec<Vec<Arc<str>>> = std::iter::once(Vec::new())
            .chain(names.iter().map(|n| vec![Arc::from(*n)]))
            .chain(names.windows(2).map(|w| w.iter().map(|n| Arc::from(*n)).collect()))
            .collect();
        let lex = lexicon();
        let who = (0..lex.kinds.len() as Kind).find(|&k| lex.who(k)).unwrap();
        let open = (0..lex.kinds.len() as Kind).find(|&k| !lex.who(k)).unwrap();
        let mut ids = PeopleIds::default();
        let numbered: Vec<Vec<u32>> = lists.iter().map(|l| ids.of(l)).collect();
        ids.finish();
        let mut joined = 0;
        for (a, na) in lists.iter().zip(&numbered) {
            for (b, nb) in lists.iter().zip(&numbered) {
                for kind in [who, open] {
                    let expected = lex.people_join(kind, a, b);
                    assert_eq!(ids.join(lex, kind, na, nb), expected, "{a:?} and {b:?}");
                    joined += (expected && kind == who && a != b) as usize;
                }
            }
        }
        // Not only the same lists: variants join too.
        assert!(joined > 40, "{joined}");
    }

    #[test]
    fn compatible_kinds_share_a_family() {
        // An article's happenings are looked up by family: this must hold for
        // every pair, or a mention would miss the happening it joins.
        let lex = lexicon();
        let n = lex.kinds.len() as Kind;
        let mut pairs = 0;
        for a in 0..n {
            for b in 0..n {
                if lex.compatible(a, b) {
                    assert_eq!(lex.family(a), lex.family(b), "{} and {}", lex.name(a), lex.name(b));
                    pairs += 1;
                }
            }
        }
        assert!(pairs > n as usize, "some kinds other than the same are compatible");
    }

    #[test]
    fn a_mention_takes_the_people_of_its_clause_else_of_the_clauses_before() {
        let p = |c: u32, k: &str| (c, Arc::<str>::from(k));
        let cp = vec![p(0, "a"), p(0, "b"), p(0, "a"), p(2, "c")];
        let first = first_named(&cp);
        let names = |v: Vec<Arc<str>>| v.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(names(people_of_clause(&cp, &first, 0)), ["a", "b"]);
        assert_eq!(names(people_of_clause(&cp, &first, 1)), ["a", "b"]);
        assert_eq!(names(people_of_clause(&cp, &first, 2)), ["c"]);
        assert_eq!(names(people_of_clause(&cp, &first, 3)), ["a", "b", "c"]);
        let carried = vec![p(u32::MAX, "x"), p(u32::MAX, "y")];
        assert_eq!(names(people_of_clause(&carried, &first_named(&carried), 5)), ["x", "y"]);
        let many: Vec<_> = (0..100).map(|i| p(0, &format!("p{i}"))).collect();
        assert_eq!(people_of_clause(&many, &first_named(&many), 1).len(), PEOPLE_PER_MENTION);
    }

    /// An article read on `today` and its happenings.
    fn read_on(text: &str, today: NaiveDate) -> (Extracted, Reading) {
        let ex = extract(text, &Options::new(today));
        let r = read(&ex);
        (ex, r)
    }

    fn read_text(text: &str) -> (Extracted, Reading) {
        read_on(text, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
    }

    /// Where the claim written `claim` is attached.
    fn attached(ex: &Extracted, r: &Reading, claim: &str) -> Attached {
        let c = ex.claims.iter().position(|c| c.text(&ex.article.text) == claim).unwrap();
        r.attached[c].unwrap()
    }

    fn names(m: &Mention) -> Vec<&str> {
        m.people.iter().map(|p| &**p).collect()
    }

    fn roles(text: &str) -> Vec<(String, String, String)> {
        let (ex, r) = read_text(text);
        let lex = lexicon();
        ex.claims
            .iter()
            .zip(&r.attached)
            .filter_map(|(c, a)| {
                let a = a.as_ref()?;
                let kind = lex.name(r.happenings[a.happening].kind).to_string();
                Some((c.text(&ex.article.text).to_string(), kind, a.role.name().to_string()))
            })
            .collect()
    }

    fn has(v: &[(String, String, String)], claim: &str, kind: &str, role: &str) -> bool {
        v.iter().any(|(c, k, r)| c == claim && k == kind && r == role)
    }

    #[test]
    fn each_role_from_its_cue_words() {
        let v = roles("Gempa mengguncang Cianjur pada Senin (21/11/2022) selama 20 hingga 30 detik.\n");
        assert!(has(&v, "Senin (21/11/2022)", "quake", "when"), "{v:?}");
        let v = roles("Tim SAR menyisir perairan itu sejak Sabtu (9/1/2021) dan sudah tiga hari berada di laut.\n");
        assert!(has(&v, "Sabtu (9/1/2021)", "search", "since"), "{v:?}");
        assert!(has(&v, "tiga hari", "search", "so-far"), "{v:?}");
        let v = roles("KNKT wajib menerbitkan laporan awal dalam 30 hari.\n");
        assert!(has(&v, "30 hari", "report", "other") || has(&v, "30 hari", "report", "deadline"), "{v:?}");
        let v = roles("Ia berharap kotak hitam segera diangkat, katanya kepada wartawan, Minggu (10/1/2021).\n");
        assert!(has(&v, "Minggu (10/1/2021)", "statement", "said-on"), "{v:?}");
        let v = roles("The two leaders spoke by phone on Wednesday, Feb. 12, 2025 for about 90 minutes.\n");
        assert!(has(&v, "Wednesday, Feb. 12, 2025", "call", "when"), "{v:?}");
        assert!(has(&v, "about 90 minutes", "call", "length"), "{v:?}");
    }

    #[test]
    fn a_planned_length_an_extension_and_a_count_so_far_are_not_the_length() {
        let v = roles(
            "Operasi pencarian semula dijadwalkan tujuh hari, lalu dua kali diperpanjang, masing-masing tiga hari.\n",
        );
        assert!(has(&v, "tujuh hari", "search", "other"), "{v:?}");
        assert!(has(&v, "tiga hari", "search", "other"), "{v:?}");
        let v = roles("The search operation was extended by three days.\n");
        assert!(has(&v, "three days", "search", "other"), "{v:?}");
        // After N days of X: the count at that point, unless X ended there.
        let v = roles("Setelah tiga hari pencarian, tim beralih ke pemetaan dasar laut.\n");
        assert!(has(&v, "tiga hari", "search", "so-far"), "{v:?}");
        let v = roles("Panggilan telepon itu berakhir setelah hampir satu setengah jam pembicaraan.\n");
        assert!(v.iter().any(|(c, _, r)| c == "hampir satu setengah jam" && r == "length"), "{v:?}");
        // A point of reference has no date of this clause, but may have a length.
        let v = roles("Basarnas ended its work on Jan. 21, 2021, after a search that lasted 13 days.\n");
        assert!(has(&v, "13 days", "search", "length"), "{v:?}");
        assert!(!has(&v, "Jan. 21, 2021", "search", "when"), "{v:?}");
    }

    #[test]
    fn a_date_goes_to_the_main_happening_not_its_setting_or_a_reference() {
        let v = roles(
            "Kapal itu hilang kontak di perairan Bali ketika mengikuti latihan pada Rabu (21/4/2021) dini hari.\n",
        );
        assert!(has(&v, "Rabu (21/4/2021)", "lost", "when"), "{v:?}");
        // A clause's first happening is its own, whatever word comes before it.
        let v = roles("Dalam sidang pemeriksaan terakhir, Jumat (5/4/2024), hakim mendengarkan empat menteri.\n");
        assert!(has(&v, "Jumat (5/4/2024)", "trial", "when"), "{v:?}");
        // A moment has no start: lost since Wednesday is lost on Wednesday.
        let v = roles("Kapal itu sudah tiga hari hilang kontak sejak Rabu (21/4/2021) dini hari.\n");
        assert!(has(&v, "Rabu (21/4/2021)", "lost", "when"), "{v:?}");
        // After `setelah`, the date is of what follows the word, here unnamed.
        let v = roles("Percakapan telepon itu terjadi tak lama setelah Trump kembali menjabat pada Januari 2025.\n");
        assert!(!v.iter().any(|(c, _, _)| c == "Januari 2025"), "{v:?}");
        // The paragraph's happening is not one named as a reference.
        let v = roles("Sidang digelar pada Jumat (5/4/2024) menjelang pemungutan suara. Para pihak menyerahkan kesimpulan pada Selasa (16/4/2024).\n");
        assert!(has(&v, "Selasa (16/4/2024)", "trial", "when"), "{v:?}");
    }

    #[test]
    fn a_length_after_a_relative_pronoun_or_of_a_plain_noun_and_a_length_carried() {
        let v = roles("The vote followed an official campaign that lasted two months.\n");
        assert!(has(&v, "two months", "campaign", "length"), "{v:?}");
        let v = roles("Voters went to the polls after a campaign and a quiet period of three days.\n");
        assert!(!v.iter().any(|(c, _, r)| c == "three days" && r == "length"), "{v:?}");
        // A sentence with no trigger takes the paragraph's happening for a length only
        // when it points back at it.
        let v = roles("The campaign began on Nov. 28, 2023. Polling stations were open for six hours.\n");
        assert!(!v.iter().any(|(c, _, _)| c == "six hours"), "{v:?}");
        let v = roles("The strike began on July 14, 2023. It lasted 118 days.\n");
        assert!(has(&v, "118 days", "strike", "length"), "{v:?}");
        // What lasts days began on its start; a call that began at a time is dated by it.
        assert!(has(&v, "July 14, 2023", "strike", "since"), "{v:?}");
        let v = roles("The call began on Wednesday, Feb. 12, 2025 and lasted 90 minutes.\n");
        assert!(has(&v, "Wednesday, Feb. 12, 2025", "call", "when"), "{v:?}");
    }

    #[test]
    fn a_date_in_a_clause_of_other_people_does_not_date_their_hearing() {
        let v = roles("Ferdy Sambo dan Putri Candrawathi menjalani sidang perdana pada Senin (17/10/2022), sedangkan Richard Eliezer dan Kuat Ma'ruf sehari kemudian.\n");
        assert!(has(&v, "Senin (17/10/2022)", "trial", "when"), "{v:?}");
        assert!(!v.iter().any(|(c, _, _)| c == "sehari kemudian"), "{v:?}");
    }

    #[test]
    fn a_point_inside_a_number_ends_no_sentence() {
        let v = roles(
            "Data pelacak menunjukkan pesawat anjlok lebih dari 10.000 kaki dalam waktu kurang dari satu menit.\n",
        );
        assert!(has(&v, "kurang dari satu menit", "crash", "length"), "{v:?}");
    }

    #[test]
    fn a_stopped_happening_is_dated_by_its_end_and_an_inquiry_is_not_its_topic() {
        let v = roles("Perundingan dilanjutkan 2 Oktober 2023, tetapi AMPTP menghentikannya pada Rabu (11/10/2023).\n");
        assert!(has(&v, "2 Oktober 2023", "negotiation", "when"), "{v:?}");
        assert!(has(&v, "Rabu (11/10/2023)", "negotiation", "until"), "{v:?}");
        let v = roles("The talks were suspended by the studios on Oct. 11, 2023.\n");
        assert!(!v.iter().any(|(c, _, r)| c == "Oct. 11, 2023" && r == "when"), "{v:?}");
        let v = roles("KNKT merilis laporan akhir investigasi kecelakaan pesawat itu pada Kamis (10/11/2022).\n");
        assert!(!v.iter().any(|(_, k, _)| k == "crash"), "{v:?}");
        let v = roles("Air accident investigator Nurchayo Utomo briefed lawmakers on Nov. 3, 2022.\n");
        assert!(!v.iter().any(|(_, k, _)| k == "crash"), "{v:?}");
    }

    #[test]
    fn a_happening_of_another_year_named_in_passing_is_its_own() {
        let v = roles(
            "The writers' strike ended on Sept. 27, 2023. It was the second-longest, behind the 153-day walkout of 1988. Writers had walked picket lines for 148 days.\n",
        );
        assert!(has(&v, "1988", "strike", "when"), "{v:?}");
        let (ex, r) = read_on(
            "The writers' strike ended on Sept. 27, 2023. It was the second-longest, behind the 153-day walkout of 1988.\n\nWriters had walked picket lines for 148 days.\n",
            NaiveDate::from_ymd_opt(2023, 9, 28).unwrap(),
        );
        let of = |t: &str| attached(&ex, &r, t).happening;
        assert_ne!(of("153-day"), of("Sept. 27, 2023"));
        assert_eq!(of("148 days"), of("Sept. 27, 2023"), "{:?}", r.happenings);
    }

    #[test]
    fn a_trigger_takes_the_clitic_nya() {
        let v = roles("Menteri itu mengumumkannya kepada wartawan, Rabu (31/3/2021).\n");
        assert!(v.iter().any(|(c, k, _)| c == "Rabu (31/3/2021)" && k == "announcement"), "{v:?}");
    }

    #[test]
    fn a_phrase_that_holds_a_trigger_word_names_no_happening() {
        let v = roles("The agency called off the hunt for victims on Jan. 21; it had lasted 12 days.\n");
        assert!(!v.iter().any(|(_, k, _)| k == "call"), "{v:?}");
        assert!(has(&v, "Jan. 21", "search", "when"), "{v:?}");
        assert!(has(&v, "12 days", "search", "length"), "{v:?}");
        let v = roles("The last hearing was held on Friday, April 5, 2024. The hostages were held for 50 days.\n");
        assert!(has(&v, "Friday, April 5, 2024", "trial", "when"), "{v:?}");
        assert!(has(&v, "50 days", "trapped", "length"), "{v:?}");
    }

    #[test]
    fn a_pronoun_subject_takes_the_people_before() {
        let (_, r) = read_text(
            "Menteri Luar Negeri Retno Marsudi menemui para nelayan itu di Bali. Mereka tertahan selama dua bulan di kapal.\n",
        );
        let trapped = r.mentions.iter().find(|m| lexicon().name(m.kind) == "trapped").unwrap();
        assert_eq!(trapped.people.len(), 1);
    }

    #[test]
    fn a_title_alone_as_subject_is_the_person_given_it() {
        let (_, r) = read_text(
            "Presiden Joko Widodo tiba di Surabaya pada Selasa (27/4/2021).\n\nPresiden kemudian menemui keluarga para awak pada Rabu (28/4/2021).\n",
        );
        let met = r.mentions.iter().find(|m| lexicon().name(m.kind) == "meeting").unwrap();
        assert_eq!(names(met), ["joko widodo"]);
    }

    #[test]
    fn a_sentence_pointing_back_at_a_thing_takes_the_people_before_it() {
        let (_, r) = read_text(
            "Hakim memvonis Richard Eliezer 1 tahun 6 bulan penjara. Hukuman itu lebih ringan daripada tuntutan jaksa, yakni 12 tahun penjara.\n\nTuntutan itu dibacakan pada Rabu (18/1/2023).\n",
        );
        let demands: Vec<&Mention> = r.mentions.iter().filter(|m| lexicon().name(m.kind) == "demand").collect();
        assert_eq!(names(demands[0]), ["richard eliezer"]);
        // Not across paragraphs: the second paragraph names no one.
        assert!(demands[1].people.is_empty(), "{demands:?}");
    }

    #[test]
    fn a_second_day_in_another_clause_is_a_happening_whose_trigger_is_left_out() {
        let (ex, r) = read_text(
            "They beat Thailand 3-2 on Monday, Oct. 11, 2021, and Chinese Taipei by the same score two days later.\n",
        );
        let (a, b) = (attached(&ex, &r, "Monday, Oct. 11, 2021"), attached(&ex, &r, "two days later"));
        assert_ne!(a.happening, b.happening, "{:?}", r.happenings);
        assert_eq!(r.happenings[a.happening].kind, r.happenings[b.happening].kind);
        // The same day again in another clause is the same happening.
        let (_, r) = read_text("The final was played on Sunday, Oct. 17, 2021, in Aarhus, on Sunday, Oct. 17, 2021.\n");
        let dated: Vec<usize> = r.attached.iter().flatten().map(|a| a.happening).collect();
        assert!(dated.windows(2).all(|w| w[0] == w[1]), "{:?}", r.happenings);
    }

    #[test]
    fn two_calls_on_two_dates_are_two_happenings() {
        let (_, r) = read_text(
            "Trump dan Putin berbicara melalui telepon pada 12 Februari 2025. Keduanya kembali bertelepon pada 18 Maret 2025 selama dua jam.\n",
        );
        let calls: Vec<&Local> = r.happenings.iter().filter(|h| lexicon().name(h.kind) == "call").collect();
        assert_eq!(calls.len(), 2, "{:?}", r.happenings);
    }
}
