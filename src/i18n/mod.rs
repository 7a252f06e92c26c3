//! The language of messages: one catalogue file per language (`en.txt`,
//! `id.txt`, … in this folder), templates keyed by name plus the words they
//! use (weekdays, months, units, happening kinds, roles). `build.rs` lists
//! the folder's files, so a third language is a file, not a code change.
//!
//! The checks build [`Message`]s, a key with typed arguments (claim text,
//! dates, weekdays, durations, source labels); the outputs render them in the
//! writer's language with [`Lang::render`]. Pure: no I/O, no protocol types.

use crate::claims::{fmt_seconds, DateValue, DurationValue, Precision, Value};
use crate::lexicon::{self, Unit};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

// `CATALOGUES: &[(&str, &str)]`, (code, file text), English first (build.rs).
include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// One language's catalogue, parsed.
struct Catalogue {
    code: &'static str,
    aliases: Vec<String>,
    entries: HashMap<&'static str, &'static str>,
}

/// Reads a catalogue: `key = value` lines, `#` comments; a value in double
/// quotes keeps its outer spaces; `\n` in a value is a line break. Returns the entries and the lines it could not read.
fn parse(text: &'static str) -> (HashMap<&'static str, &'static str>, Vec<String>) {
    let mut entries = HashMap::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            problems.push(format!("line {}: no `=`", n + 1));
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        let v = v.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(v);
        // `\n` is a line break; the catalogues are parsed once, so the few such values live on.
        let v: &'static str = if v.contains("\\n") { Box::leak(v.replace("\\n", "\n").into_boxed_str()) } else { v };
        if entries.insert(k, v).is_some() {
            problems.push(format!("line {}: `{k}` twice", n + 1));
        }
    }
    (entries, problems)
}

fn catalogues() -> &'static [Catalogue] {
    static C: OnceLock<Vec<Catalogue>> = OnceLock::new();
    C.get_or_init(|| {
        CATALOGUES
            .iter()
            .map(|&(code, text)| {
                let (entries, _) = parse(text);
                let aliases = entries
                    .get("meta.aliases")
                    .map(|a| a.split(',').map(|x| x.trim().to_lowercase()).filter(|x| !x.is_empty()).collect())
                    .unwrap_or_default();
                Catalogue { code, aliases, entries }
            })
            .collect()
    })
}

/// A language of the messages: one of the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(u8);

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

impl Lang {
    /// English, the language of last resort.
    pub const EN: Lang = Lang(0);

    /// Every language there is a catalogue for.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..catalogues().len()).map(|i| Lang(i as u8))
    }

    fn cat(self) -> &'static Catalogue {
        &catalogues()[self.0 as usize]
    }

    /// The catalogue's code: `en`, `id`.
    pub fn code(self) -> &'static str {
        self.cat().code
    }

    /// The codes of every language, for messages: `en, id`.
    pub fn codes() -> String {
        Lang::all().map(Lang::code).collect::<Vec<_>>().join(", ")
    }

    /// A language from a tag as clients, settings and the environment write
    /// it: `id`, `id-ID`, `id_ID.UTF-8`, `in` (Java's old code), `en-US`,
    /// `English`. `None` when no catalogue has it (`fr`, `C`, `POSIX`).
    pub fn parse(tag: &str) -> Option<Lang> {
        let base = tag.trim().split(['.', '@']).next().unwrap_or("").to_lowercase().replace('_', "-");
        if base.is_empty() {
            return None;
        }
        let primary = base.split('-').next().unwrap_or("");
        let find = |t: &str| Lang::all().find(|l| l.code() == t || l.cat().aliases.iter().any(|a| a == t));
        find(&base).or_else(|| find(primary))
    }

    /// The language of the environment, as POSIX reads it: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides
    /// (`None` when it names no language of ours, or none is set).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| get(v).filter(|x| !x.is_empty()))
            .and_then(|v| Lang::parse(&v))
    }

    /// [`Lang::from_env_with`] on this process's environment.
    pub fn from_env() -> Option<Lang> {
        Lang::from_env_with(|v| std::env::var(v).ok())
    }

    /// A catalogue entry; English when this language lacks it, `⟨key⟩` when both do.
    pub fn get(self, key: &str) -> std::borrow::Cow<'static, str> {
        match self.cat().entries.get(key).or_else(|| Lang::EN.cat().entries.get(key)) {
            Some(v) => (*v).into(),
            None => format!("⟨{key}⟩").into(),
        }
    }

    /// A message in this language.
    pub fn render(self, m: &Message) -> String {
        let template = self.get(m.key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest: &str = &template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let c = rest.as_bytes()[i];
            rest = &rest[i + 1..];
            if rest.as_bytes().first() == Some(&c) {
                out.push(c as char); // `{{` and `}}`
                rest = &rest[1..];
                continue;
            }
            if c == b'}' {
                out.push('}');
                continue;
            }
            let end = rest.find('}').unwrap_or(rest.len());
            let name = &rest[..end];
            match m.args.iter().find(|(n, _)| *n == name) {
                Some((_, a)) => self.render_arg(a, &mut out),
                None => out.push_str(&format!("⟨{name}⟩")),
            }
            rest = rest.get(end + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    fn render_arg(self, a: &Arg, out: &mut String) {
        match a {
            Arg::Text(s) => out.push_str(s),
            Arg::Num(n) => out.push_str(&n.to_string()),
            Arg::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
            Arg::Weekday(w) => out.push_str(&self.weekday(*w)),
            Arg::Value(v) => out.push_str(&self.value(v)),
            Arg::ShortDate(d) => out.push_str(&self.short_date(d).unwrap_or_default()),
            Arg::Word(k) => out.push_str(&self.get(k)),
            Arg::Msg(m) => out.push_str(&self.render(m)),
            Arg::List(items, join) => {
                let sep = match join {
                    Join::Comma => ", ".to_string(),
                    Join::Semicolon => "; ".to_string(),
                    Join::And => format!(" {} ", self.get("word.and")),
                };
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&sep);
                    }
                    self.render_arg(x, out);
                }
            }
            Arg::Empty => {}
        }
    }

    /// A weekday's name, capitalised: `Wednesday`, `Rabu` (0 is Monday).
    pub fn weekday(self, w: u8) -> String {
        self.get(&format!("weekday.{}", w % 7 + 1)).into_owned()
    }

    fn month_short(self, m: u8) -> String {
        self.get(&format!("month.short.{m}")).into_owned()
    }

    /// A number as this language writes it: `1.5`, `1,5`.
    fn number(self, x: f64) -> String {
        let s = fmt_seconds(x);
        match self.get("number.decimal") {
            p if p != "." => s.replace('.', &p),
            _ => s,
        }
    }

    /// A claim's value in words: a date as ISO, a length as a writer would say it, a name.
    pub fn value(self, v: &Value) -> String {
        match v {
            Value::Date(d) => d.iso().unwrap_or_else(|| self.get("value.unknown-date").into_owned()),
            Value::Duration(d) => self.duration(d),
            Value::Person(p) => p.name.to_string(),
        }
    }

    /// A length in the words a writer would use: `45 min`, `1 h 30 min`, `2 days`.
    pub fn human_duration(self, seconds: f64) -> String {
        let s = seconds.round() as i64;
        let m = |key: &'static str| Message::new(key);
        let msg = if s < 60 {
            m("duration.s").arg("n", self.number(seconds))
        } else if s < 3600 {
            let (min, r) = (s / 60, s % 60);
            if r == 0 {
                m("duration.min").arg("n", min as usize)
            } else {
                m("duration.min-s").arg("min", min as usize).arg("s", r as usize)
            }
        } else if s < 86_400 * 2 {
            let (h, min) = (s / 3600, (s % 3600) / 60);
            if min == 0 {
                m("duration.h").arg("n", h as usize)
            } else {
                m("duration.h-min").arg("h", h as usize).arg("min", min as usize)
            }
        } else {
            let days = seconds / 86_400.0;
            let years = seconds / Unit::Year.seconds();
            if days < 60.0 {
                m("duration.days").arg("n", self.number((days * 10.0).round() / 10.0))
            } else if years < 2.0 {
                m("duration.months").arg("n", self.number((seconds / Unit::Month.seconds() * 10.0).round() / 10.0))
            } else {
                m("duration.years").arg("n", self.number((years * 10.0).round() / 10.0))
            }
        };
        self.render(&msg)
    }

    /// A duration with its qualifier: `about 45 min`, `sekitar 45 menit`, `2 to 3 days`.
    pub fn duration(self, d: &DurationValue) -> String {
        let base = self.human_duration(d.seconds);
        let m = match d.qualifier {
            lexicon::Qualifier::Exact => return base,
            lexicon::Qualifier::Range => Message::new("qualifier.range")
                .arg("from", self.human_duration(d.min_seconds))
                .arg("to", self.human_duration(d.max_seconds)),
            q => Message::new(match q {
                lexicon::Qualifier::About => "qualifier.about",
                lexicon::Qualifier::Almost => "qualifier.almost",
                lexicon::Qualifier::AtLeast => "qualifier.at_least",
                _ => "qualifier.at_most",
            })
            .arg("d", base),
        };
        self.render(&m)
    }

    /// A date as a happening's: `12 Feb 2025`, `Feb 2025`, `2025`.
    pub fn short_date(self, d: &DateValue) -> Option<String> {
        Some(match (d.precision, d.year, d.month, d.day) {
            (Precision::Day, Some(y), Some(mo), Some(day)) => format!("{day} {} {y}", self.month_short(mo)),
            (Precision::Month, Some(y), Some(mo), _) => format!("{} {y}", self.month_short(mo)),
            (Precision::Year, Some(y), _, _) => y.to_string(),
            _ => return None,
        })
    }

    /// A date for people, whatever is known of it: `12 Feb 2025`, `12 Feb
    /// (year unknown)`, `Jan 2025`, `2025`, `week 6 of 2025`.
    pub fn friendly_date(self, d: &DateValue) -> Option<String> {
        let m = |x: u8| self.month_short(x);
        Some(match (d.precision, d.year, d.month, d.day) {
            (Precision::Day, None, Some(mo), Some(day)) => {
                self.render(&Message::new("date.no-year").arg("date", format!("{day} {}", m(mo))))
            }
            (Precision::Month, None, Some(mo), _) => self.render(&Message::new("date.no-year").arg("date", m(mo))),
            (Precision::Week, Some(y), _, _) => {
                self.render(&Message::new("date.week").arg("week", d.week? as usize).arg("year", y.to_string()))
            }
            _ => self.short_date(d)?,
        })
    }
}

/// A message: a catalogue key and its named arguments, rendered in a
/// language by [`Lang::render`]. `Display` renders it in English.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is: a claim's text, a name, a source's label.
    Text(String),
    Num(usize),
    /// A day, as `2025-02-12`.
    Date(NaiveDate),
    /// A weekday's name (0 is Monday).
    Weekday(u8),
    /// A claim's value in words.
    Value(Value),
    /// A happening's date: `12 Feb 2025`.
    ShortDate(DateValue),
    /// A catalogue word: `kind.call`, `role.length`.
    Word(String),
    Msg(Box<Message>),
    List(Vec<Arg>, Join),
    Empty,
}

/// How a list's items are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    Comma,
    Semicolon,
    /// The language's `and`.
    And,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, a: impl Into<Arg>) -> Message {
        self.args.push((name, a.into()));
        self
    }

    /// A claim's value, in words.
    pub fn value(self, name: &'static str, v: &Value) -> Message {
        self.arg(name, Arg::Value(v.clone()))
    }

    /// A catalogue word by key: `kind.call`.
    pub fn word(self, name: &'static str, key: impl Into<String>) -> Message {
        self.arg(name, Arg::Word(key.into()))
    }

    /// In English.
    pub fn en(&self) -> String {
        Lang::EN.render(self)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n)
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Arg {
        Arg::Date(d)
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::all().find(|l| l.code() == code).unwrap()
    }

    #[test]
    fn every_catalogue_reads_cleanly_and_has_every_english_key() {
        let (en, problems) = parse(CATALOGUES[0].1);
        assert_eq!(CATALOGUES[0].0, "en", "English comes first");
        assert!(problems.is_empty(), "en.txt: {problems:?}");
        assert!(CATALOGUES.len() >= 2, "{:?}", CATALOGUES.iter().map(|c| c.0).collect::<Vec<_>>());
        for &(code, text) in CATALOGUES {
            let (entries, problems) = parse(text);
            assert!(problems.is_empty(), "{code}.txt: {problems:?}");
            let mut missing: Vec<&&str> = en.keys().filter(|k| !entries.contains_key(*k)).collect();
            missing.sort();
            assert!(missing.is_empty(), "{code}.txt lacks {missing:?}");
            let mut extra: Vec<&&str> = entries.keys().filter(|k| !en.contains_key(*k)).collect();
            extra.sort();
            assert!(extra.is_empty(), "{code}.txt has keys en.txt does not: {extra:?}");
            // The same placeholders as the English template.
            for (k, v) in &entries {
                let names = |s: &str| {
                    let mut v: Vec<String> =
                        s.split('{').skip(1).filter_map(|x| x.split_once('}').map(|p| p.0.to_string())).collect();
                    v.sort();
                    v
                };
                assert_eq!(names(v), names(en[k]), "{code}.txt `{k}` uses other placeholders than en.txt");
            }
        }
    }

    #[test]
    fn every_file_of_the_folder_is_a_language() {
        // build.rs lists the folder: a new `<code>.txt` is a new language with no code change.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok()?.strip_suffix(".txt").map(str::to_string))
            .collect();
        files.sort();
        let mut codes: Vec<String> = Lang::all().map(|l| l.code().to_string()).collect();
        assert_eq!(codes[0], "en");
        codes.sort();
        assert_eq!(codes, files);
        assert_eq!(Lang::codes(), "en, id");
    }

    #[test]
    fn tags_as_clients_and_the_environment_write_them() {
        let id = lang("id");
        assert_eq!(Lang::parse("id"), Some(id));
        assert_eq!(Lang::parse("id-ID"), Some(id));
        assert_eq!(Lang::parse("id_ID.UTF-8"), Some(id));
        assert_eq!(Lang::parse("in"), Some(id), "Java's old code for Indonesian");
        assert_eq!(Lang::parse("Indonesian"), Some(id));
        assert_eq!(Lang::parse("en-US"), Some(Lang::EN));
        assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::EN));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse("C"), None);
        assert_eq!(Lang::parse(""), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert_eq!(Lang::from_env_with(env(&[("LANG", "id_ID.UTF-8")])), Some(id));
        assert_eq!(Lang::from_env_with(env(&[("LANG", "id_ID.UTF-8"), ("LC_ALL", "")])), Some(id));
        assert_eq!(Lang::from_env_with(env(&[("LANG", "id_ID.UTF-8"), ("LC_ALL", "C")])), None, "LC_ALL wins");
        assert_eq!(Lang::from_env_with(env(&[("LANG", "en_US"), ("LC_MESSAGES", "id_ID")])), Some(id));
        assert_eq!(Lang::from_env_with(env(&[])), None);
    }

    #[test]
    fn weekdays_months_and_lengths_in_each_language() {
        let id = lang("id");
        assert_eq!(Lang::EN.weekday(2), "Wednesday");
        assert_eq!(id.weekday(2), "Rabu");
        assert_eq!(id.weekday(6), "Minggu");
        let d = DateValue::of_date_pub(NaiveDate::from_ymd_opt(2025, 5, 12).unwrap(), false);
        assert_eq!(Lang::EN.short_date(&d).unwrap(), "12 May 2025");
        assert_eq!(id.short_date(&d).unwrap(), "12 Mei 2025");
        assert_eq!(Lang::EN.human_duration(5400.0), "1 h 30 min");
        assert_eq!(id.human_duration(5400.0), "1 jam 30 menit");
        assert_eq!(id.human_duration(86_400.0 * 2.5), "2,5 hari");
        assert_eq!(Lang::EN.human_duration(86_400.0 * 2.5), "2.5 days");
        let about = DurationValue::new(2700.0, lexicon::Qualifier::About, Unit::Minute);
        assert_eq!(Lang::EN.duration(&about), "about 45 min");
        assert_eq!(id.duration(&about), "sekitar 45 menit");
    }

    #[test]
    fn templates_take_their_arguments_and_say_what_is_missing() {
        let m = Message::new("weekday")
            .arg("claim", "Kamis (12/2/2025)")
            .arg("date", NaiveDate::from_ymd_opt(2025, 2, 12).unwrap())
            .arg("actual", Arg::Weekday(2))
            .arg("stated", Arg::Weekday(3));
        assert_eq!(m.to_string(), "`Kamis (12/2/2025)`: 2025-02-12 was a Wednesday, not a Thursday");
        assert_eq!(lang("id").render(&m), "`Kamis (12/2/2025)`: 2025-02-12 jatuh pada hari Rabu, bukan Kamis");
        assert_eq!(Lang::EN.render(&Message::new("no.such.key")), "⟨no.such.key⟩");
        assert!(Lang::EN.render(&Message::new("weekday")).contains("⟨claim⟩"));
    }
}
