//! `corroborate lsp`: the language server. The only part of corroborate that
//! knows the protocol; it keeps documents in ropes, analyses snapshots off the
//! protocol loop, and turns core results into LSP types (`features`).
//!
//! State has one owner per kind:
//! - documents live under one std `Mutex`; every notification applies its
//!   change there before its first `.await` (tower-lsp polls handlers in the
//!   order the messages arrive, so changes are applied in order);
//! - the corpus is changed by one task only (`CorpusJob`s in a queue, run one
//!   after another), and each installed corpus has a number;
//! - a snapshot holds its own `Arc<Corpus>` and the generation of the text it
//!   analysed; it is stored or published only while both are still current,
//!   and every request answers from one snapshot.
//!
//! Every handler runs under a panic boundary: a bug becomes an error reply
//! and a log line, never the end of the session.

pub mod config;
pub mod convert;
pub mod features;
pub mod transport;

use crate::check;
use crate::claims::Options;
use crate::index::Corpus;
use crate::report;
use crate::text::{Encoding, LineIndex};
use chrono::NaiveDate;
use config::Config;
use features::Snapshot;
use futures::FutureExt;
use ropey::Rope;
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::{self, Result};
use tower_lsp::lsp_types::{self as lsp, Url};
use tower_lsp::{Client, LanguageServer, LspService, Server};

/// One open document.
struct Doc {
    rope: Rope,
    version: i32,
    /// From the server-wide counter: bumped on every change, never reused
    /// (closing and reopening a document does not start it over).
    generation: u64,
    /// The document's latest generation, for analyses to see that they are outdated.
    latest: Arc<AtomicU64>,
    snapshot: Option<Arc<Snapshot>>,
    /// How long the last finished analysis of this document took: the next
    /// one waits about as long when it was slow (`config::debounce`).
    cost: Option<Duration>,
}

/// The corpus the server checks against, with its number.
pub struct Sources {
    pub corpus: Arc<Corpus>,
    pub version: u64,
    pub dirs: Vec<PathBuf>,
}

/// A change to the corpus, run by the corpus task in order.
#[derive(Debug)]
enum CorpusJob {
    /// Read the configured folders anew.
    Reload,
    /// Files changed (`false`) or deleted (`true`).
    Files(Vec<(PathBuf, bool)>),
}

struct State {
    docs: Mutex<HashMap<Url, Doc>>,
    sources: RwLock<Arc<Sources>>,
    generation: AtomicU64,
    config: Mutex<Config>,
    root: Mutex<Option<PathBuf>>,
    encoding: Mutex<Encoding>,
    today: NaiveDate,
    can_progress: AtomicBool,
    can_watch: AtomicBool,
    jobs: mpsc::UnboundedSender<CorpusJob>,
    job_queue: Mutex<Option<mpsc::UnboundedReceiver<CorpusJob>>>,
    /// Serialises the check-then-publish of each document.
    publishing: Mutex<HashMap<Url, Arc<tokio::sync::Mutex<()>>>>,
    progress_tickets: AtomicU64,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn current(state: &State) -> Arc<Sources> {
    state.sources.read().unwrap_or_else(|e| e.into_inner()).clone()
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs a request handler under a panic boundary.
async fn guarded<T>(name: &str, f: impl Future<Output = Result<T>>) -> Result<T> {
    match AssertUnwindSafe(f).catch_unwind().await {
        Ok(r) => r,
        Err(p) => {
            let msg = panic_message(p.as_ref());
            tracing::error!("internal error in {name}: {msg}");
            Err(jsonrpc::Error {
                code: jsonrpc::ErrorCode::InternalError,
                message: format!("corroborate: internal error in {name}: {msg}").into(),
                data: None,
            })
        }
    }
}

/// Runs a notification handler under a panic boundary.
async fn guarded_notification(name: &str, f: impl Future<Output = ()>) {
    if let Err(p) = AssertUnwindSafe(f).catch_unwind().await {
        tracing::error!("internal error in {name}: {}", panic_message(p.as_ref()));
    }
}

/// Runs blocking work off the runtime threads; a panic there is logged and
/// becomes `None`.
async fn blocking<T: Send + 'static>(name: &'static str, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    match tokio::task::spawn_blocking(move || std::panic::catch_unwind(AssertUnwindSafe(f))).await {
        Ok(Ok(v)) => Some(v),
        Ok(Err(p)) => {
            tracing::error!("internal error in {name}: {}", panic_message(p.as_ref()));
            None
        }
        Err(e) => {
            tracing::error!("{name} did not finish: {e}");
            None
        }
    }
}

impl Backend {
    pub fn new(client: Client, today: NaiveDate) -> Backend {
        let (jobs, queue) = mpsc::unbounded_channel();
        Backend {
            client,
            state: Arc::new(State {
                docs: Mutex::new(HashMap::new()),
                sources: RwLock::new(Arc::new(Sources {
                    corpus: Arc::new(Corpus::default()),
                    version: 0,
                    dirs: Vec::new(),
                })),
                generation: AtomicU64::new(1),
                config: Mutex::new(Config::default()),
                root: Mutex::new(None),
                encoding: Mutex::new(Encoding::Utf16),
                today,
                can_progress: AtomicBool::new(false),
                can_watch: AtomicBool::new(false),
                jobs,
                job_queue: Mutex::new(Some(queue)),
                publishing: Mutex::new(HashMap::new()),
                progress_tickets: AtomicU64::new(0),
            }),
        }
    }

    fn encoding(&self) -> Encoding {
        *lock(&self.state.encoding)
    }

    /// Analyses the document's current text off the protocol loop (at once,
    /// unless `config::debounce` says to wait), and publishes unless the
    /// document or the corpus changed meanwhile.
    fn schedule(&self, uri: Url) {
        schedule(&self.state, &self.client, uri);
    }

    /// The snapshot a request answers from: the stored one when it is
    /// current, else a fresh analysis of the current text.
    async fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        analyse(&self.state, uri, None).await
    }

    fn queue(&self, job: CorpusJob) {
        if self.state.jobs.send(job).is_err() {
            tracing::error!("the corpus task has ended; corpus changes are ignored");
        }
    }

    async fn register_watchers(&self) {
        if !self.state.can_watch.load(Ordering::SeqCst) {
            return;
        }
        let watchers = vec![
            lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String("**/*.{txt,md,markdown}".into()),
                kind: None,
            },
            lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String("**/corroborate.toml".into()), kind: None },
        ];
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp::Registration {
            id: "corroborate-watch-sources".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        // Never wait long on the client: it may not answer.
        match tokio::time::timeout(Duration::from_secs(2), self.client.register_capability(vec![registration])).await {
            Ok(Err(e)) => tracing::warn!("could not register file watchers: {e}"),
            Err(_) => tracing::warn!("the client did not answer the file watcher registration"),
            Ok(Ok(())) => {}
        }
    }
}

fn schedule(state: &Arc<State>, client: &Client, uri: Url) {
    let (generation, latest, cost) = match lock(&state.docs).get(&uri) {
        Some(d) => (d.generation, d.latest.clone(), d.cost),
        None => return,
    };
    // No wait by default: only a document whose last analysis was slow waits.
    let wait = config::debounce(lock(&state.config).debounce_ms, cost);
    let state = state.clone();
    let client = client.clone();
    tokio::spawn(async move {
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        if latest.load(Ordering::SeqCst) != generation {
            return;
        }
        let Some(snap) = analyse(&state, &uri, Some(generation)).await else { return };
        publish(&state, &client, &uri, &snap).await;
    });
}

/// The analysed snapshot of a document's current text. With a generation,
/// returns nothing when the document changed since it was scheduled (and the
/// analysis stops early when a newer edit arrives while it runs).
async fn analyse(state: &Arc<State>, uri: &Url, generation: Option<u64>) -> Option<Arc<Snapshot>> {
    let sources = current(state);
    let (text, version, gen, latest) = {
        let docs = lock(&state.docs);
        let d = docs.get(uri)?;
        if generation.is_some_and(|g| g != d.generation) {
            return None;
        }
        if let Some(s) = &d.snapshot {
            if s.generation == d.generation && s.corpus_version == sources.version {
                return Some(s.clone());
            }
        }
        (d.rope.to_string(), d.version, d.generation, d.latest.clone())
    };
    let path = uri.to_file_path().ok();
    let today = state.today;
    let cancellable = generation.is_some();
    let snap = blocking("analysis", move || {
        let cancelled = || cancellable && latest.load(Ordering::SeqCst) != gen;
        let started = std::time::Instant::now();
        analyse_text(text, version, gen, path, sources, today, &cancelled).map(|s| (s, started.elapsed()))
    })
    .await??;
    let (snap, took) = snap;
    let snap = Arc::new(snap);
    let mut docs = lock(&state.docs);
    if let Some(d) = docs.get_mut(uri) {
        d.cost = Some(took);
    }
    let still_current = current(state).version == snap.corpus_version;
    match docs.get_mut(uri) {
        Some(d) if d.generation == gen && still_current => d.snapshot = Some(snap.clone()),
        // A scheduled analysis that is outdated is neither kept nor published.
        _ if generation.is_some() => return None,
        _ => {}
    }
    Some(snap)
}

/// Analyses one document text against a corpus. `None` when `cancelled`
/// says so before the end.
pub fn analyse_text(
    text: String,
    version: i32,
    generation: u64,
    path: Option<PathBuf>,
    sources: Arc<Sources>,
    today: NaiveDate,
    cancelled: &dyn Fn() -> bool,
) -> Option<Snapshot> {
    let corpus = sources.corpus.clone();
    let mut opts = Options::new(today);
    let exclude = path.as_deref().and_then(|p| corpus.source_at(p));
    // A corpus article reads as the corpus read it; a draft keeps repeated lines.
    opts.read.drop_duplicates = exclude.is_some();
    let draft = crate::draft::read(&text, &corpus, &opts, exclude);
    let analysis = check::analyze_cancellable(&draft, &corpus, exclude, cancelled)?;
    Some(Snapshot {
        version,
        generation,
        corpus_version: sources.version,
        index: LineIndex::new(&draft.article.text),
        draft,
        analysis,
        exclude,
        corpus,
    })
}

fn publish_lock(state: &State, uri: &Url) -> Arc<tokio::sync::Mutex<()>> {
    lock(&state.publishing).entry(uri.clone()).or_default().clone()
}

async fn publish(state: &Arc<State>, client: &Client, uri: &Url, snap: &Snapshot) {
    let gate = publish_lock(state, uri);
    let _turn = gate.lock().await;
    let diags = {
        // Never publish for a text or a corpus that has been replaced.
        let current_gen = lock(&state.docs).get(uri).map(|d| d.generation);
        if current_gen != Some(snap.generation) || current(state).version != snap.corpus_version {
            return;
        }
        let config = lock(&state.config).clone();
        let enc = *lock(&state.encoding);
        features::diagnostics(snap, &snap.corpus, &config, enc)
    };
    client.publish_diagnostics(uri.clone(), diags, Some(snap.version)).await;
}

/// Re-checks every open document (after the corpus or the settings changed).
fn recheck_all(state: &Arc<State>, client: &Client) {
    let open: Vec<Url> = lock(&state.docs).keys().cloned().collect();
    for uri in open {
        schedule(state, client, uri);
    }
}

// ---------------------------------------------------------------- the corpus task

/// Runs corpus jobs one after another, so that no update starts from a corpus
/// another is replacing. Jobs waiting together are merged: a reload makes the
/// file updates before it moot.
async fn corpus_task(state: Arc<State>, client: Client, mut queue: mpsc::UnboundedReceiver<CorpusJob>) {
    while let Some(job) = queue.recv().await {
        let mut jobs = vec![job];
        while let Ok(j) = queue.try_recv() {
            jobs.push(j);
        }
        let work = async {
            if jobs.iter().any(|j| matches!(j, CorpusJob::Reload)) {
                reload(&state, &client).await;
            } else {
                let changes: Vec<(PathBuf, bool)> = jobs
                    .into_iter()
                    .flat_map(|j| match j {
                        CorpusJob::Files(f) => f,
                        CorpusJob::Reload => Vec::new(),
                    })
                    .collect();
                update(&state, &client, changes).await;
            }
        };
        guarded_notification("corpus update", work).await;
    }
}

async fn status(state: &State, client: &Client, what: &str) {
    let s = current(state);
    let folders = s.dirs.iter().map(|d| d.display().to_string()).collect();
    client
        .send_notification::<StatusNotification>(Status {
            state: what.into(),
            articles: s.corpus.sources.len(),
            events: s.corpus.events.len(),
            folders,
        })
        .await;
}

fn install(state: &Arc<State>, client: &Client, corpus: Corpus, dirs: Vec<PathBuf>) -> String {
    let summary = format!("{} article(s), {} event(s)", corpus.sources.len(), corpus.events.len());
    {
        let mut s = state.sources.write().unwrap_or_else(|e| e.into_inner());
        let version = s.version + 1;
        *s = Arc::new(Sources { corpus: Arc::new(corpus), version, dirs });
    }
    for d in lock(&state.docs).values_mut() {
        d.snapshot = None;
    }
    recheck_all(state, client);
    summary
}

/// What a reload read, off the runtime threads.
struct Loaded {
    dirs: Vec<PathBuf>,
    problems: Vec<crate::i18n::Message>,
    missing: Vec<String>,
    messages: Vec<crate::corpus::Problem>,
    corpus: Corpus,
    /// Files taken from the persistent index and files read.
    stats: crate::store::Stats,
    /// The persistent index to write once the corpus is in use.
    pending: Option<crate::store::Pending>,
}

fn load_blocking(config: Config, root: Option<PathBuf>, today: NaiveDate) -> Loaded {
    let (dirs, problems) = config::corpus_dirs(&config, root.as_deref());
    let missing: Vec<String> = dirs.iter().filter(|d| !d.is_dir()).map(|d| d.display().to_string()).collect();
    let existing: Vec<PathBuf> = dirs.iter().filter(|d| d.is_dir()).cloned().collect();
    let place = config::index_place(&config, root.as_deref());
    let file = if existing.is_empty() { None } else { crate::store::index_file(&place, &existing) };
    let l = crate::store::load(&existing, &Options::new(today), config.max_file_bytes, file.as_deref());
    Loaded { dirs, problems, missing, messages: l.messages, corpus: l.corpus, stats: l.stats, pending: l.pending }
}

/// Loads the corpus anew from the configured folders, with progress and
/// messages, then re-checks the open documents. Progress never holds the
/// load up: the token is asked for while the load runs, and a client that
/// does not answer within a second gets no progress.
async fn reload(state: &Arc<State>, client: &Client) {
    let config = lock(&state.config).clone();
    let lang = config.lang();
    let root = lock(&state.root).clone();
    let today = state.today;
    status(state, client, "indexing").await;
    let load = tokio::spawn(blocking("corpus loading", move || load_blocking(config, root, today)));
    let ticket = state.progress_tickets.fetch_add(1, Ordering::SeqCst) + 1;
    let token = lsp::NumberOrString::String(format!("corroborate/index/{ticket}"));
    let progress = state.can_progress.load(Ordering::SeqCst)
        && matches!(
            tokio::time::timeout(
                Duration::from_secs(1),
                client.send_request::<lsp::request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams {
                    token: token.clone()
                }),
            )
            .await,
            Ok(Ok(()))
        );
    if progress {
        send_progress(
            client,
            &token,
            lsp::WorkDoneProgress::Begin(lsp::WorkDoneProgressBegin {
                title: "Indexing sources".into(),
                cancellable: Some(false),
                message: None,
                percentage: None,
            }),
        )
        .await;
    }
    let loaded = load.await.ok().flatten();
    let Some(loaded) = loaded else {
        if progress {
            let end = lsp::WorkDoneProgressEnd { message: Some("failed".into()) };
            send_progress(client, &token, lsp::WorkDoneProgress::End(end)).await;
        }
        client.show_message(lsp::MessageType::ERROR, format!("corroborate: {}", lang.get("server.load_failed"))).await;
        return;
    };
    for p in &loaded.problems {
        client.show_message(lsp::MessageType::WARNING, format!("corroborate: {}", lang.render(p))).await;
    }
    if loaded.dirs.is_empty() {
        client
            .show_message(lsp::MessageType::WARNING, format!("corroborate: {}", lang.get("server.no_workspace")))
            .await;
    }
    if !loaded.missing.is_empty() {
        client
            .show_message(
                lsp::MessageType::WARNING,
                format!(
                    "corroborate: {}",
                    lang.render(
                        &crate::i18n::Message::new("server.folder_missing").arg("folders", loaded.missing.join(", "))
                    )
                ),
            )
            .await;
    }
    for m in &loaded.messages {
        tracing::warn!("{m}");
        client.log_message(lsp::MessageType::WARNING, format!("corroborate: {}", lang.render(&m.message()))).await;
    }
    if loaded.corpus.is_empty() && loaded.missing.is_empty() && !loaded.dirs.is_empty() {
        client
            .show_message(
                lsp::MessageType::WARNING,
                format!(
                    "corroborate: {}",
                    lang.render(&crate::i18n::Message::new("server.no_articles").arg(
                        "folders",
                        loaded.dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
                    ))
                ),
            )
            .await;
    }
    let stats = loaded.stats;
    let summary = install(state, client, loaded.corpus, loaded.dirs);
    tracing::info!("corpus loaded: {summary}; {} file(s) from the index, {} read", stats.reused, stats.read);
    if let Some(pending) = loaded.pending {
        // Written after the corpus is in use, off the runtime threads.
        tokio::spawn(async move {
            let file = pending.file().display().to_string();
            match blocking("index write", move || pending.write()).await {
                Some(Ok(())) => tracing::info!("index written: {file}"),
                Some(Err(e)) => tracing::warn!("{e}"),
                None => {}
            }
        });
    }
    if progress {
        let end = lsp::WorkDoneProgressEnd { message: Some(summary.clone()) };
        send_progress(client, &token, lsp::WorkDoneProgress::End(end)).await;
    }
    status(state, client, "ready").await;
    let from = format!("{} file(s) from the index, {} read", stats.reused, stats.read);
    client.log_message(lsp::MessageType::INFO, format!("corroborate: sources loaded, {summary} ({from})")).await;
}

/// Applies watched-file changes to the current corpus: only the changed
/// files are read again, and only changes under the corpus folders count.
async fn update(state: &Arc<State>, client: &Client, changes: Vec<(PathBuf, bool)>) {
    let sources = current(state);
    let today = state.today;
    let max = lock(&state.config).max_file_bytes;
    let dirs = sources.dirs.clone();
    let done = blocking("corpus update", move || {
        let canon = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let canon_dirs: Vec<PathBuf> = dirs.iter().map(|d| canon(d)).collect();
        let relevant: Vec<(PathBuf, bool)> = changes
            .into_iter()
            .filter(|(p, _)| {
                let parent = p.parent().map(canon).unwrap_or_default();
                canon_dirs.iter().any(|d| parent.starts_with(d))
            })
            .collect();
        if relevant.is_empty() {
            return None;
        }
        Some(sources.corpus.updated(&relevant, &Options::new(today), max))
    })
    .await;
    let Some(Some((corpus, messages))) = done else { return };
    let lang = lock(&state.config).lang();
    for m in messages {
        client.log_message(lsp::MessageType::WARNING, format!("corroborate: {}", lang.render(&m.message()))).await;
    }
    let dirs = current(state).dirs.clone();
    let summary = install(state, client, corpus, dirs);
    status(state, client, "ready").await;
    client.log_message(lsp::MessageType::INFO, format!("corroborate: sources updated, {summary}")).await;
}

async fn send_progress(client: &Client, token: &lsp::NumberOrString, value: lsp::WorkDoneProgress) {
    client
        .send_notification::<lsp::notification::Progress>(lsp::ProgressParams {
            token: token.clone(),
            value: lsp::ProgressParamsValue::WorkDone(value),
        })
        .await;
}

// ---------------------------------------------------------------- the protocol

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        guarded("initialize", async {
            #[allow(deprecated)]
            let root = params
                .workspace_folders
                .as_ref()
                .and_then(|f| f.first())
                .and_then(|f| f.uri.to_file_path().ok())
                .or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()))
                .or_else(|| params.root_path.as_ref().map(PathBuf::from));
            *lock(&self.state.root) = root;
            // The client's UI language: messages follow it unless the `language` setting says otherwise.
            lock(&self.state.config).locale = params.locale.as_deref().and_then(crate::i18n::Lang::parse);
            if let Some(opts) = &params.initialization_options {
                let problems = lock(&self.state.config).merge_json(opts);
                let lang = lock(&self.state.config).lang();
                for p in problems {
                    tracing::warn!("initializationOptions: {p}");
                    self.client
                        .show_message(lsp::MessageType::WARNING, format!("corroborate: {}", lang.render(&p)))
                        .await;
                }
            }
            let caps = &params.capabilities;
            let utf8 = caps
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_ref())
                .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
            *lock(&self.state.encoding) = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let window_progress = caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
            self.state.can_progress.store(window_progress, Ordering::SeqCst);
            let watch = caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
            self.state.can_watch.store(watch, Ordering::SeqCst);
            Ok(lsp::InitializeResult {
                capabilities: lsp::ServerCapabilities {
                    position_encoding: Some(if utf8 {
                        lsp::PositionEncodingKind::UTF8
                    } else {
                        lsp::PositionEncodingKind::UTF16
                    }),
                    text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    })),
                    hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                    code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    })),
                    definition_provider: Some(lsp::OneOf::Left(true)),
                    references_provider: Some(lsp::OneOf::Left(true)),
                    document_symbol_provider: Some(lsp::OneOf::Left(true)),
                    inlay_hint_provider: Some(lsp::OneOf::Left(true)),
                    ..Default::default()
                },
                server_info: Some(lsp::ServerInfo {
                    name: "corroborate".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
            })
        })
        .await
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        guarded_notification("initialized", async {
            if let Some(queue) = lock(&self.state.job_queue).take() {
                tokio::spawn(corpus_task(self.state.clone(), self.client.clone(), queue));
            }
            self.queue(CorpusJob::Reload);
            self.register_watchers().await;
        })
        .await
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        guarded_notification("didOpen", async {
            let doc = params.text_document;
            {
                let generation = self.state.generation.fetch_add(1, Ordering::SeqCst) + 1;
                let mut docs = lock(&self.state.docs);
                docs.insert(
                    doc.uri.clone(),
                    Doc {
                        rope: Rope::from_str(&doc.text),
                        version: doc.version,
                        generation,
                        latest: Arc::new(AtomicU64::new(generation)),
                        snapshot: None,
                        cost: None,
                    },
                );
            }
            self.schedule(doc.uri);
        })
        .await
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        guarded_notification("didChange", async {
            let uri = params.text_document.uri;
            let enc = self.encoding();
            {
                // Edits are applied here, in order, before any await.
                let mut docs = lock(&self.state.docs);
                let Some(doc) = docs.get_mut(&uri) else {
                    tracing::warn!("didChange for a document that is not open: {uri}");
                    return;
                };
                for change in params.content_changes {
                    match change.range {
                        None => doc.rope = Rope::from_str(&change.text),
                        Some(r) => {
                            let start = convert::rope_char(&doc.rope, r.start, enc);
                            let end = convert::rope_char(&doc.rope, r.end, enc).max(start);
                            doc.rope.remove(start..end);
                            doc.rope.insert(start, &change.text);
                        }
                    }
                }
                doc.version = params.text_document.version;
                doc.generation = self.state.generation.fetch_add(1, Ordering::SeqCst) + 1;
                doc.latest.store(doc.generation, Ordering::SeqCst);
                doc.snapshot = None;
            }
            self.schedule(uri);
        })
        .await
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        guarded_notification("didClose", async {
            let uri = params.text_document.uri;
            if let Some(d) = lock(&self.state.docs).remove(&uri) {
                d.latest.store(0, Ordering::SeqCst); // stops its analyses
            }
            lock(&self.state.publishing).remove(&uri);
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        })
        .await
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        guarded_notification("didChangeConfiguration", async {
            let (before, after, problems) = {
                let mut c = lock(&self.state.config);
                let before = c.clone();
                let problems = c.merge_json(&params.settings);
                (before, c.clone(), problems)
            };
            for p in problems {
                self.client
                    .show_message(lsp::MessageType::WARNING, format!("corroborate: {}", after.lang().render(&p)))
                    .await;
            }
            let corpus_changed = before.corpus != after.corpus || before.max_file_bytes != after.max_file_bytes;
            if corpus_changed || params.settings.get("corroborate").is_none() && after.corpus.is_none() {
                self.queue(CorpusJob::Reload);
            } else {
                for d in lock(&self.state.docs).values_mut() {
                    d.snapshot = None;
                }
                recheck_all(&self.state, &self.client);
            }
        })
        .await
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        guarded_notification("didChangeWatchedFiles", async {
            let mut changes: Vec<(PathBuf, bool)> = Vec::new();
            let mut reload = false;
            for ev in params.changes {
                let Ok(path) = ev.uri.to_file_path() else { continue };
                if path.file_name().is_some_and(|n| n == "corroborate.toml") {
                    reload = true;
                } else if crate::corpus::is_article_path(&path) {
                    changes.push((path, ev.typ == lsp::FileChangeType::DELETED));
                }
            }
            if reload {
                self.queue(CorpusJob::Reload);
            } else if !changes.is_empty() {
                self.queue(CorpusJob::Files(changes));
            }
        })
        .await
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        guarded("hover", async {
            let p = params.text_document_position_params;
            let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
            let lang = lock(&self.state.config).lang();
            Ok(features::hover(&snap, &snap.corpus, p.position, self.encoding(), lang))
        })
        .await
    }

    async fn code_action(&self, params: lsp::CodeActionParams) -> Result<Option<lsp::CodeActionResponse>> {
        guarded("codeAction", async {
            let uri = params.text_document.uri;
            let Some(snap) = self.snapshot(&uri).await else { return Ok(None) };
            let config = lock(&self.state.config).clone();
            Ok(Some(features::code_actions(&snap, &uri, params.range, &config, &snap.corpus, self.encoding())))
        })
        .await
    }

    async fn goto_definition(&self, params: lsp::GotoDefinitionParams) -> Result<Option<lsp::GotoDefinitionResponse>> {
        guarded("definition", async {
            let p = params.text_document_position_params;
            let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
            let enc = self.encoding();
            let locs = blocking("definition", move || features::definition(&snap, &snap.corpus, p.position, enc))
                .await
                .unwrap_or_default();
            Ok((!locs.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locs)))
        })
        .await
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        guarded("references", async {
            let p = params.text_document_position;
            let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
            let enc = self.encoding();
            let uri = p.text_document.uri.clone();
            let locs = blocking("references", move || features::references(&snap, &uri, &snap.corpus, p.position, enc))
                .await
                .unwrap_or_default();
            Ok((!locs.is_empty()).then_some(locs))
        })
        .await
    }

    async fn document_symbol(&self, params: lsp::DocumentSymbolParams) -> Result<Option<lsp::DocumentSymbolResponse>> {
        guarded("documentSymbol", async {
            let Some(snap) = self.snapshot(&params.text_document.uri).await else { return Ok(None) };
            Ok(Some(lsp::DocumentSymbolResponse::Nested(features::document_symbols(
                &snap,
                self.encoding(),
                lock(&self.state.config).lang(),
            ))))
        })
        .await
    }

    async fn inlay_hint(&self, params: lsp::InlayHintParams) -> Result<Option<Vec<lsp::InlayHint>>> {
        guarded("inlayHint", async {
            if !lock(&self.state.config).inlay_hints {
                return Ok(None);
            }
            let Some(snap) = self.snapshot(&params.text_document.uri).await else { return Ok(None) };
            let lang = lock(&self.state.config).lang();
            Ok(Some(features::inlay_hints(&snap, params.range, self.encoding(), lang)))
        })
        .await
    }
}

/// The service, for running over any transport (stdio, or in tests a duplex pipe).
pub fn service(today: NaiveDate) -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::build(|client| Backend::new(client, today))
        .custom_method("corroborate/sourcesReport", Backend::sources_report)
        .finish()
}

/// `corroborate/status`: what the server is doing, for status bars.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Status {
    /// `indexing` or `ready`.
    pub state: String,
    pub articles: usize,
    pub events: usize,
    pub folders: Vec<String>,
}

enum StatusNotification {}

impl lsp::notification::Notification for StatusNotification {
    type Params = Status;
    const METHOD: &'static str = "corroborate/status";
}

impl Backend {
    /// `corroborate/sourcesReport`: the events of the loaded corpus and where
    /// its sources disagree, as text.
    pub async fn sources_report(&self) -> Result<String> {
        guarded("corroborate/sourcesReport", async {
            let corpus = current(&self.state).corpus.clone();
            let lang = lock(&self.state.config).lang();
            Ok(blocking("sources report", move || report::sources_text(&corpus, lang)).await.unwrap_or_default())
        })
        .await
    }
}

/// Serves the protocol on a reader and writer until the client sends `exit`,
/// closes its end, or stops reading. Returns the exit status: 0 after
/// `shutdown`, 1 without.
pub async fn serve<I, O>(input: I, output: O, today: NaiveDate) -> i32
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = service(today);
    let signals = Arc::new(transport::Signals::default());
    let (to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    let (frames, queue) = mpsc::unbounded_channel();
    tokio::spawn(transport::read_frames(input, to_server, frames.clone(), signals.clone()));
    tokio::spawn(transport::server_frames(from_server, frames));
    let writer = tokio::spawn(transport::write_frames(output, queue, signals.clone()));
    tokio::select! {
        _ = Server::new(server_in, server_out, socket).serve(service) => {}
        _ = signals.ended.notified() => {}
    }
    // Let what is already written reach the client.
    let _ = tokio::time::timeout(Duration::from_millis(100), writer).await;
    signals.exit_code()
}

/// Runs the server on stdin/stdout until the client exits; logs go to stderr.
pub fn run(today: NaiveDate) -> i32 {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CORROBORATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).with_env_filter(filter).try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("corroborate: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), today));
    // The stdin reader blocks in a thread of its own; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(200));
    code
}
