//! Server settings: from `initializationOptions`, `workspace/didChangeConfiguration`
//! and `corroborate.toml` at the workspace root.

use crate::check::{Code, Severity};
use crate::i18n::Lang;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Corpus folders as given (relative to the workspace root), if any.
    pub corpus: Option<Vec<String>>,
    /// A fixed wait after each change (`debounceMs`); `None`, the default, waits
    /// only where this document's last analysis was slow (see [`debounce`]).
    pub debounce_ms: Option<u64>,
    pub inlay_hints: bool,
    /// Per code: a severity, or `None` to turn the code off.
    pub severity: HashMap<Code, Option<Severity>>,
    /// Corpus files larger than this are skipped with a message.
    pub max_file_bytes: u64,
    /// The `language` setting, if any: it wins over the client's locale.
    pub language: Option<Lang>,
    /// The client's `locale` from `initialize`, if it names a language of ours.
    pub locale: Option<Lang>,
    /// Where the persistent index of the corpus is kept (`index`).
    pub index: IndexSetting,
}

/// The `index` setting: where the persistent index is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndexSetting {
    /// The user's cache folder (the default).
    #[default]
    Cache,
    /// `.corroborate/` at the workspace root.
    Workspace,
    /// No persistent index: every start reads every file.
    Off,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            corpus: None,
            debounce_ms: None,
            inlay_hints: false,
            severity: HashMap::new(),
            max_file_bytes: crate::corpus::DEFAULT_MAX_FILE_BYTES,
            language: None,
            locale: None,
            index: IndexSetting::Cache,
        }
    }
}

impl Config {
    /// Reads settings from a JSON object, either flat or under `corroborate`.
    /// Unknown or ill-typed fields are reported, not fatal.
    pub fn merge_json(&mut self, v: &Value) -> Vec<crate::i18n::Message> {
        use crate::i18n::Message;
        let got = |key: &'static str, x: &Value| Message::new(key).arg("got", x.to_string());
        let mut problems = Vec::new();
        let v = v.get("corroborate").unwrap_or(v);
        if !v.is_object() {
            if !v.is_null() {
                problems.push(got("config.not_object", v));
            }
            return problems;
        }
        match v.get("corpus") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => self.corpus = Some(vec![s.clone()]),
            Some(Value::Array(a)) => {
                let paths: Vec<String> = a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect();
                if paths.len() != a.len() {
                    problems.push(Message::new("config.corpus_list"));
                }
                if paths.is_empty() {
                    self.corpus = None;
                } else {
                    self.corpus = Some(paths);
                }
            }
            Some(other) => problems.push(got("config.corpus_got", other)),
        }
        match v.get("debounceMs") {
            None => {}
            // A setting removed (sent as null) goes back to the adaptive wait.
            Some(Value::Null) => self.debounce_ms = None,
            Some(x) => match x.as_u64() {
                Some(ms) if ms <= 10_000 => self.debounce_ms = Some(ms),
                _ => problems.push(got("config.debounce", x)),
            },
        }
        match v.get("maxFileBytes") {
            None | Some(Value::Null) => {}
            Some(x) => match x.as_u64() {
                Some(n) if n > 0 => self.max_file_bytes = n,
                _ => problems.push(got("config.max_file_bytes", x)),
            },
        }
        match v.get("index") {
            None | Some(Value::Null) => {}
            Some(Value::String(x)) if x == "cache" => self.index = IndexSetting::Cache,
            Some(Value::String(x)) if x == "workspace" => self.index = IndexSetting::Workspace,
            Some(Value::String(x)) if x == "off" => self.index = IndexSetting::Off,
            Some(Value::Bool(true)) => self.index = IndexSetting::Cache,
            Some(Value::Bool(false)) => self.index = IndexSetting::Off,
            Some(x) => problems.push(got("config.index", x)),
        }
        match v.get("inlayHints") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => self.inlay_hints = *b,
            Some(x) => problems.push(got("config.inlay_hints", x)),
        }
        match v.get("language") {
            None => {}
            Some(Value::Null) => self.language = None,
            Some(Value::String(s)) if s.trim().is_empty() || s.trim().eq_ignore_ascii_case("auto") => {
                self.language = None
            }
            Some(x) => match x.as_str().and_then(Lang::parse) {
                Some(l) => self.language = Some(l),
                None => {
                    self.language = Some(Lang::EN);
                    problems.push(got("config.language", x).arg("codes", Lang::codes()));
                }
            },
        }
        if let Some(sev) = v.get("severity") {
            match sev.as_object() {
                Some(map) => {
                    for (k, val) in map {
                        let Some(code) = Code::from_name(k) else {
                            problems.push(Message::new("config.unknown_code").arg("code", k.clone()));
                            continue;
                        };
                        let s = match val.as_str() {
                            Some("error") => Some(Severity::Error),
                            Some("warning") => Some(Severity::Warning),
                            Some("information") | Some("info") => Some(Severity::Information),
                            Some("hint") => Some(Severity::Hint),
                            Some("off") | Some("none") => None,
                            _ => {
                                problems.push(Message::new("config.severity_of").arg("code", k.clone()));
                                continue;
                            }
                        };
                        self.severity.insert(code, s);
                    }
                }
                None if sev.is_null() => {}
                None => problems.push(Message::new("config.severity_map")),
            }
        }
        problems
    }

    /// The language of messages: the `language` setting, else the client's
    /// locale, else the server's environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    pub fn lang(&self) -> Lang {
        self.language.or(self.locale).or_else(Lang::from_env).unwrap_or(Lang::EN)
    }

    /// The severity to publish a code with, or `None` when it is turned off.
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        match self.severity.get(&code) {
            Some(s) => *s,
            None => Some(code.severity()),
        }
    }
}

/// The persistent index file for the corpus `dirs` under this setting.
pub fn index_place(config: &Config, root: Option<&Path>) -> crate::store::Place {
    match (config.index, root) {
        (IndexSetting::Off, _) => crate::store::Place::Off,
        (IndexSetting::Workspace, Some(r)) => crate::store::Place::Folder(r.join(".corroborate")),
        // Without a workspace, the cache folder.
        (IndexSetting::Workspace, None) | (IndexSetting::Cache, _) => crate::store::Place::Cache,
    }
}

/// An analysis slower than this makes the next one of its document wait.
pub const SLOW_ANALYSIS: Duration = Duration::from_millis(30);
/// The longest adaptive wait.
pub const MAX_WAIT: Duration = Duration::from_millis(1000);

/// How long to wait after a change before analysing: the configured
/// `debounceMs` when set; else nothing, unless the document's last analysis
/// took longer than [`SLOW_ANALYSIS`], then about as long as it took (at most
/// [`MAX_WAIT`]), so that a slow analysis is not started for every keystroke
/// only to be cancelled by the next.
pub fn debounce(configured: Option<u64>, last_analysis: Option<Duration>) -> Duration {
    match (configured, last_analysis) {
        (Some(ms), _) => Duration::from_millis(ms),
        (None, Some(t)) if t > SLOW_ANALYSIS => t.min(MAX_WAIT),
        (None, _) => Duration::ZERO,
    }
}

/// Corpus folders from `corroborate.toml` (`[corpus] paths = [...]`), if the
/// file exists; an unreadable or malformed file is an error message.
pub fn toml_corpus(root: &Path) -> Result<Option<Vec<String>>, crate::i18n::Message> {
    crate::project::corpus_paths(&root.join(crate::project::FILE))
}

/// The corpus folders: the configured ones, else `corroborate.toml`'s, else
/// `<root>/seeds`; relative paths are relative to the root.
pub fn corpus_dirs(config: &Config, root: Option<&Path>) -> (Vec<PathBuf>, Vec<crate::i18n::Message>) {
    let mut problems = Vec::new();
    let resolve = |p: &str| -> PathBuf {
        let path = PathBuf::from(p);
        match (path.is_absolute(), root) {
            (false, Some(r)) => r.join(path),
            _ => path,
        }
    };
    if let Some(list) = &config.corpus {
        return (list.iter().map(|p| resolve(p)).collect(), problems);
    }
    if let Some(r) = root {
        match toml_corpus(r) {
            Ok(Some(list)) => return (list.iter().map(|p| resolve(p)).collect(), problems),
            Ok(None) => {}
            Err(e) => problems.push(e),
        }
        return (vec![r.join("seeds")], problems);
    }
    (Vec::new(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_merge_and_report_problems() {
        let mut c = Config::default();
        let p = c.merge_json(&json!({"corroborate": {"corpus": ["sources"], "debounceMs": 0, "inlayHints": true, "severity": {"unsupported": "off", "name-variant": "error"}}}));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(c.corpus, Some(vec!["sources".to_string()]));
        assert_eq!(c.debounce_ms, Some(0));
        assert!(c.inlay_hints);
        assert_eq!(c.severity_of(Code::Unsupported), None);
        assert_eq!(c.severity_of(Code::NameVariant), Some(Severity::Error));
        assert_eq!(c.severity_of(Code::DateWeekday), Some(Severity::Warning));
        let p = c.merge_json(&json!({"corpus": 3, "debounceMs": "fast", "severity": {"nope": "error"}}));
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(c.corpus, Some(vec!["sources".to_string()]), "bad values leave the old ones");
        assert_eq!(c.debounce_ms, Some(0), "a bad debounceMs leaves the old one");
        assert!(c.merge_json(&json!({"debounceMs": null})).is_empty());
        assert_eq!(c.debounce_ms, None, "null goes back to the adaptive wait");
        assert_eq!(Config::default().index, IndexSetting::Cache);
        for (v, want) in [
            (json!("workspace"), IndexSetting::Workspace),
            (json!("off"), IndexSetting::Off),
            (json!(true), IndexSetting::Cache),
            (json!(false), IndexSetting::Off),
        ] {
            assert!(c.merge_json(&json!({ "index": v })).is_empty());
            assert_eq!(c.index, want);
        }
        assert_eq!(c.merge_json(&json!({"index": "disk"})).len(), 1);
        assert_eq!(c.index, IndexSetting::Off, "a bad value leaves the old one");
        let root = Path::new("/ws");
        assert_eq!(index_place(&c, Some(root)), crate::store::Place::Off);
        c.index = IndexSetting::Workspace;
        assert_eq!(index_place(&c, Some(root)), crate::store::Place::Folder(root.join(".corroborate")));
        assert_eq!(index_place(&c, None), crate::store::Place::Cache);
    }

    #[test]
    fn by_default_nothing_waits_unless_the_last_analysis_was_slow() {
        assert_eq!(Config::default().debounce_ms, None, "no fixed debounce by default");
        let ms = Duration::from_millis;
        assert_eq!(debounce(None, None), Duration::ZERO, "a new document is analysed at once");
        assert_eq!(debounce(None, Some(ms(3))), Duration::ZERO);
        assert_eq!(debounce(None, Some(SLOW_ANALYSIS)), Duration::ZERO);
        assert_eq!(debounce(None, Some(ms(120))), ms(120), "a slow analysis waits about as long");
        assert_eq!(debounce(None, Some(ms(60_000))), MAX_WAIT);
        assert_eq!(debounce(Some(250), Some(ms(3))), ms(250), "debounceMs overrides");
        assert_eq!(debounce(Some(0), Some(ms(900))), Duration::ZERO, "debounceMs 0 never waits");
    }

    #[test]
    fn the_language_setting_wins_over_the_locale_and_a_bad_one_is_english() {
        let id = Lang::parse("id").unwrap();
        let mut c = Config { locale: Some(id), ..Config::default() };
        assert_eq!(c.lang(), id, "the client's locale");
        assert!(c.merge_json(&json!({"language": "en"})).is_empty());
        assert_eq!(c.lang(), Lang::EN, "the setting wins");
        assert!(c.merge_json(&json!({"language": null})).is_empty());
        assert_eq!(c.lang(), id, "null is back to the locale");
        assert!(c.merge_json(&json!({"corroborate": {"language": "id-ID"}})).is_empty());
        assert_eq!(c.language, Some(id));
        let p = c.merge_json(&json!({"language": "klingon"}));
        assert_eq!(p.len(), 1, "{p:?}");
        let en = Lang::EN.render(&p[0]);
        assert!(en.contains("`language`") && en.contains("en, id") && en.contains("klingon"), "{en}");
        // The same problem in Indonesian.
        assert!(Lang::parse("id").unwrap().render(&p[0]).contains("bukan \"klingon\""), "{p:?}");
        assert_eq!(c.lang(), Lang::EN, "a bad value falls back to English");
        assert_eq!(c.merge_json(&json!({"language": 7})).len(), 1);
        assert!(c.merge_json(&json!({"language": "auto"})).is_empty());
        assert_eq!(c.lang(), id);
    }
}
