//! Content words, lightly stemmed in both languages, for the word profiles
//! that tell articles' events apart and lend a draft its story. Concept
//! words (`call`, `meeting`, `inauguration`, ...: `percakapan`, `menelepon`,
//! `talks`, `call` are all a call) always count as content, even where the
//! lexicon marks them as grammar.

use crate::lexicon;

/// Concepts, each a bit of a `u64`. Words are language, never a story.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "call",
        &[
            "telepon",
            "menelepon",
            "bertelepon",
            "ditelepon",
            "teleponan",
            "panggilan",
            "percakapan",
            "bercakap",
            "pembicaraan",
            "berbicara",
            "bicara",
            "dibicarakan",
            "membicarakan",
            "berbincang",
            "perbincangan",
            "dialog",
            "diskusi",
            "berdiskusi",
            "menghubungi",
            "dihubungi",
            "call",
            "calls",
            "called",
            "phone",
            "telephone",
            "talk",
            "talks",
            "talked",
            "spoke",
            "speak",
            "conversation",
            "dialogue",
        ],
    ),
    (
        "meeting",
        &[
            "pertemuan",
            "bertemu",
            "rapat",
            "sidang",
            "ktt",
            "konferensi",
            "meeting",
            "met",
            "meet",
            "summit",
            "session",
            "conference",
            "talks",
        ],
    ),
    (
        "office",
        &[
            "dilantik",
            "pelantikan",
            "menjabat",
            "jabatan",
            "sumpah",
            "inauguration",
            "inaugurated",
            "sworn",
            "office",
            "term",
        ],
    ),
    (
        "election",
        &[
            "pemilu",
            "pemilihan",
            "pilpres",
            "pilkada",
            "pencoblosan",
            "election",
            "elections",
            "vote",
            "voting",
            "ballot",
            "polls",
            "kampanye",
            "campaign",
            "menang",
            "kemenangan",
            "won",
            "victory",
        ],
    ),
    (
        "disaster",
        &[
            "gempa",
            "guncangan",
            "mengguncang",
            "tsunami",
            "banjir",
            "longsor",
            "letusan",
            "erupsi",
            "earthquake",
            "quake",
            "tremor",
            "shaking",
            "flood",
            "flooding",
            "landslide",
            "eruption",
            "storm",
            "badai",
            "bencana",
            "disaster",
        ],
    ),
    ("death", &["meninggal", "tewas", "wafat", "korban", "died", "killed", "death", "dead", "victims"]),
    (
        "agreement",
        &[
            "ditandatangani",
            "menandatangani",
            "diteken",
            "kesepakatan",
            "perjanjian",
            "kontrak",
            "dikontrak",
            "signed",
            "agreement",
            "deal",
            "treaty",
            "contract",
            "accord",
        ],
    ),
    ("transfer", &["transfer", "merekrut", "direkrut", "bergabung", "joined", "joins", "signing", "medis", "medical"]),
    (
        "visit",
        &[
            "kunjungan",
            "berkunjung",
            "mengunjungi",
            "lawatan",
            "visit",
            "visited",
            "trip",
            "tiba",
            "arrived",
            "mengundang",
            "diundang",
            "undangan",
            "invited",
            "invite",
            "invitation",
            "arrival",
            "datang",
            "meninjau",
            "tour",
        ],
    ),
    (
        "statement",
        &[
            "wartawan",
            "pers",
            "jumpa",
            "konferensi",
            "pernyataan",
            "mengumumkan",
            "announced",
            "announcement",
            "statement",
            "press",
            "briefing",
            "reporters",
            "journalists",
        ],
    ),
    ("travel", &["penerbangan", "terbang", "flight", "flew", "perjalanan", "journey", "transit", "layover"]),
    (
        "rescue",
        &[
            "pencarian",
            "evakuasi",
            "mengungsi",
            "search",
            "searched",
            "rescue",
            "rescued",
            "evacuation",
            "evacuated",
            "rescuers",
            "penyelamat",
            "tim sar",
        ],
    ),
    ("protest", &["demo", "demonstrasi", "unjuk", "mogok", "protest", "protests", "strike", "rally"]),
    ("negotiation", &["negosiasi", "perundingan", "berunding", "negotiation", "negotiations", "talks"]),
    ("war", &["gencatan", "ceasefire", "perang", "war", "serangan", "attack", "invasion", "invasi"]),
    ("count", &["penghitungan", "rekapitulasi", "counting", "count", "tally"]),
    ("speech", &["pidato", "berpidato", "speech", "spoke", "address", "remarks"]),
    ("debate", &["debat", "berdebat", "perdebatan", "debate", "debates", "debated"]),
];

/// The concepts a lowercased word stands for, as bits.
pub fn concepts_of(word: &str) -> u64 {
    use std::sync::OnceLock;
    static MAP: OnceLock<lexicon::HashMap<&'static str, u64>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: lexicon::HashMap<&'static str, u64> = Default::default();
        for (bit, (_, words)) in CONCEPTS.iter().enumerate() {
            for w in *words {
                *m.entry(w).or_default() |= 1 << bit;
            }
        }
        m
    });
    map.get(word).or_else(|| map.get(stem(word))).copied().unwrap_or(0)
}

/// A crude stem for matching word forms: English plural and tense endings,
/// Indonesian `-nya`, `-lah`, `-kah`.
pub fn stem(word: &str) -> &str {
    for suffix in ["nya", "lah", "kah"] {
        if word.len() > suffix.len() + 4 {
            if let Some(s) = word.strip_suffix(suffix) {
                return s;
            }
        }
    }
    if word.is_ascii() {
        for suffix in ["ing", "ed", "es", "s"] {
            if word.len() > suffix.len() + 3 {
                if let Some(s) = word.strip_suffix(suffix) {
                    return s;
                }
            }
        }
    }
    word
}

/// Whether a lowercased word carries meaning for matching contexts.
pub fn is_content_word(w: &str) -> bool {
    if w.len() < 4 || w.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match lexicon::word(w) {
        Some(x) => !(x.is_grammar() || x.qualifier_start) || concepts_of(w) != 0,
        None => true,
    }
}

/// Lowercased content words of a piece of text, in order.
pub fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).filter_map(|w| {
        let l = w.to_lowercase();
        is_content_word(&l).then_some(l)
    })
}
