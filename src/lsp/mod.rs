//! `corroborate lsp`: the language server. The only part of corroborate that
//! knows the protocol; it keeps documents in ropes, analyses snapshots off the
//! protocol loop, and turns core results into LSP types (`features`).

pub mod config;
pub mod convert;
pub mod features;

use crate::check;
use crate::claims::Options;
use crate::index::Corpus;
use crate::report;
use crate::text::{Encoding, LineIndex};
use chrono::NaiveDate;
use config::Config;
use features::Snapshot;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{self as lsp, Url};
use tower_lsp::{Client, LanguageServer, LspService, Server};

/// One open document.
struct Doc {
    rope: Rope,
    version: i32,
    /// Bumped on every change; a scheduled analysis runs only if it is still current.
    generation: u64,
}

struct State {
    docs: Mutex<HashMap<Url, Doc>>,
    snapshots: Mutex<HashMap<Url, Arc<Snapshot>>>,
    corpus: RwLock<Arc<Corpus>>,
    corpus_dirs: Mutex<Vec<PathBuf>>,
    config: Mutex<Config>,
    root: Mutex<Option<PathBuf>>,
    encoding: Mutex<Encoding>,
    today: NaiveDate,
    reloads: AtomicU64,
    can_progress: AtomicBool,
    can_watch: AtomicBool,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    pub fn new(client: Client, today: NaiveDate) -> Backend {
        Backend {
            client,
            state: Arc::new(State {
                docs: Mutex::new(HashMap::new()),
                snapshots: Mutex::new(HashMap::new()),
                corpus: RwLock::new(Arc::new(Corpus::default())),
                corpus_dirs: Mutex::new(Vec::new()),
                config: Mutex::new(Config::default()),
                root: Mutex::new(None),
                encoding: Mutex::new(Encoding::Utf16),
                today,
                reloads: AtomicU64::new(0),
                can_progress: AtomicBool::new(false),
                can_watch: AtomicBool::new(false),
            }),
        }
    }

    fn encoding(&self) -> Encoding {
        *lock(&self.state.encoding)
    }

    fn corpus(&self) -> Arc<Corpus> {
        self.state.corpus.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Analyses the document's current text after the debounce, off the
    /// protocol loop, and publishes unless the document changed meanwhile.
    fn schedule(&self, uri: Url) {
        let state = self.state.clone();
        let client = self.client.clone();
        let generation = match lock(&state.docs).get(&uri) {
            Some(d) => d.generation,
            None => return,
        };
        let debounce = lock(&state.config).debounce_ms;
        tokio::spawn(async move {
            if debounce > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(debounce)).await;
            }
            let Some(snap) = analyse(&state, &uri, Some(generation)).await else { return };
            publish(&state, &client, &uri, &snap).await;
        });
    }

    async fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        analyse(&self.state, uri, None).await
    }

    /// Loads the corpus anew from the configured folders, with progress and
    /// messages, then re-checks the open documents.
    async fn reload_corpus(&self) {
        let state = self.state.clone();
        let ticket = state.reloads.fetch_add(1, Ordering::SeqCst) + 1;
        let (dirs, problems) = {
            let config = lock(&state.config).clone();
            let root = lock(&state.root).clone();
            config::corpus_dirs(&config, root.as_deref())
        };
        for p in problems {
            self.client.show_message(lsp::MessageType::WARNING, format!("corroborate: {p}")).await;
        }
        *lock(&state.corpus_dirs) = dirs.clone();
        if dirs.is_empty() {
            self.client
                .show_message(
                    lsp::MessageType::WARNING,
                    "corroborate: no workspace folder and no corpus configured; checking weekdays only",
                )
                .await;
        }
        let missing: Vec<String> = dirs.iter().filter(|d| !d.is_dir()).map(|d| d.display().to_string()).collect();
        if !missing.is_empty() {
            self.client
                .show_message(
                    lsp::MessageType::WARNING,
                    format!("corroborate: corpus folder not found: {}", missing.join(", ")),
                )
                .await;
        }
        self.status("indexing").await;
        let token = lsp::NumberOrString::String(format!("corroborate/index/{ticket}"));
        let progress = state.can_progress.load(Ordering::SeqCst)
            && self
                .client
                .send_request::<lsp::request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await
                .is_ok();
        if progress {
            self.progress(
                &token,
                lsp::WorkDoneProgress::Begin(lsp::WorkDoneProgressBegin {
                    title: "Indexing sources".into(),
                    cancellable: Some(false),
                    message: Some(dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")),
                    percentage: Some(0),
                }),
            )
            .await;
        }
        let existing: Vec<PathBuf> = dirs.iter().filter(|d| d.is_dir()).cloned().collect();
        let (files, mut messages) = crate::corpus::article_files(&existing);
        let count = files.len();
        // A file deleted while indexing is reported and skipped.
        let read =
            tokio::task::spawn_blocking(move || crate::corpus::read_all(files, crate::corpus::DEFAULT_MAX_FILE_BYTES))
                .await;
        let (docs, msgs) = read.unwrap_or_default();
        messages.extend(msgs);
        if progress {
            self.progress(
                &token,
                lsp::WorkDoneProgress::Report(lsp::WorkDoneProgressReport {
                    cancellable: Some(false),
                    message: Some(format!("read {count} article(s)")),
                    percentage: Some(40),
                }),
            )
            .await;
        }
        let opts = Options::new(state.today);
        let corpus = tokio::task::spawn_blocking(move || Corpus::build(docs, &opts)).await.unwrap_or_default();
        for m in messages {
            tracing::warn!("{m}");
            self.client.log_message(lsp::MessageType::WARNING, format!("corroborate: {m}")).await;
        }
        let summary = format!("{} article(s), {} event(s)", corpus.sources.len(), corpus.events.len());
        if progress {
            self.progress(
                &token,
                lsp::WorkDoneProgress::End(lsp::WorkDoneProgressEnd { message: Some(summary.clone()) }),
            )
            .await;
        }
        if state.reloads.load(Ordering::SeqCst) != ticket {
            return; // a newer reload superseded this one
        }
        if corpus.is_empty() && missing.is_empty() && !dirs.is_empty() {
            self.client
                .show_message(
                    lsp::MessageType::WARNING,
                    format!(
                        "corroborate: no articles (.txt, .md, .markdown) in {}",
                        dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .await;
        }
        tracing::info!("corpus loaded: {summary}");
        self.install_corpus(corpus);
        self.status("ready").await;
        self.client.log_message(lsp::MessageType::INFO, format!("corroborate: sources loaded, {summary}")).await;
    }

    fn install_corpus(&self, corpus: Corpus) {
        *self.state.corpus.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(corpus);
        lock(&self.state.snapshots).clear();
        let open: Vec<Url> = lock(&self.state.docs).keys().cloned().collect();
        for uri in open {
            self.schedule(uri);
        }
    }

    async fn progress(&self, token: &lsp::NumberOrString, value: lsp::WorkDoneProgress) {
        self.client
            .send_notification::<lsp::notification::Progress>(lsp::ProgressParams {
                token: token.clone(),
                value: lsp::ProgressParamsValue::WorkDone(value),
            })
            .await;
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
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("could not register file watchers: {e}");
        }
    }
}

/// The analysed snapshot of a document's current text. With a generation,
/// returns nothing when the document changed since it was scheduled.
async fn analyse(state: &Arc<State>, uri: &Url, generation: Option<u64>) -> Option<Arc<Snapshot>> {
    let (text, version) = {
        let docs = lock(&state.docs);
        let d = docs.get(uri)?;
        if generation.is_some_and(|g| g != d.generation) {
            return None;
        }
        if let Some(s) = lock(&state.snapshots).get(uri) {
            if s.version == d.version && generation.is_none() {
                return Some(s.clone());
            }
        }
        (d.rope.to_string(), d.version)
    };
    let corpus = state.corpus.read().unwrap_or_else(|e| e.into_inner()).clone();
    let path = uri.to_file_path().ok();
    let today = state.today;
    let snap = tokio::task::spawn_blocking(move || analyse_text(text, version, path, &corpus, today)).await.ok()?;
    let snap = Arc::new(snap);
    let docs = lock(&state.docs);
    // Stale: the document moved on while this ran.
    if docs.get(uri).map(|d| d.version) != Some(version) {
        return None;
    }
    lock(&state.snapshots).insert(uri.clone(), snap.clone());
    Some(snap)
}

/// Analyses one document text against the corpus.
pub fn analyse_text(text: String, version: i32, path: Option<PathBuf>, corpus: &Corpus, today: NaiveDate) -> Snapshot {
    let mut opts = Options::new(today);
    let exclude = path.as_deref().and_then(|p| corpus.source_at(p));
    // A corpus article reads as the corpus read it; a draft keeps repeated lines.
    opts.read.drop_duplicates = exclude.is_some();
    let draft = report::read_draft(&text, corpus, &opts, exclude);
    let analysis = check::analyze(&draft, corpus, exclude);
    Snapshot { version, index: LineIndex::new(&draft.article.text), draft, analysis, exclude }
}

async fn publish(state: &Arc<State>, client: &Client, uri: &Url, snap: &Snapshot) {
    let diags = {
        let config = lock(&state.config).clone();
        let enc = *lock(&state.encoding);
        let corpus = state.corpus.read().unwrap_or_else(|e| e.into_inner()).clone();
        // Never publish for a version the document has left.
        if lock(&state.docs).get(uri).map(|d| d.version) != Some(snap.version) {
            return;
        }
        features::diagnostics(snap, &corpus, &config, enc)
    };
    client.publish_diagnostics(uri.clone(), diags, Some(snap.version)).await;
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| f.uri.to_file_path().ok())
            .or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()))
            .or_else(|| params.root_path.as_ref().map(PathBuf::from));
        *lock(&self.state.root) = root;
        if let Some(opts) = &params.initialization_options {
            let problems = lock(&self.state.config).merge_json(opts);
            for p in problems {
                tracing::warn!("initializationOptions: {p}");
                self.client.show_message(lsp::MessageType::WARNING, format!("corroborate: {p}")).await;
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
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        self.register_watchers().await;
        self.reload_corpus().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let doc = params.text_document;
        {
            let mut docs = lock(&self.state.docs);
            let generation = docs.get(&doc.uri).map(|d| d.generation + 1).unwrap_or(0);
            docs.insert(doc.uri.clone(), Doc { rope: Rope::from_str(&doc.text), version: doc.version, generation });
        }
        self.schedule(doc.uri);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
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
            doc.generation += 1;
        }
        self.schedule(uri);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.docs).remove(&uri);
        lock(&self.state.snapshots).remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        let before = lock(&self.state.config).clone();
        let problems = lock(&self.state.config).merge_json(&params.settings);
        for p in problems {
            self.client.show_message(lsp::MessageType::WARNING, format!("corroborate: {p}")).await;
        }
        let after = lock(&self.state.config).clone();
        if before.corpus != after.corpus || params.settings.get("corroborate").is_none() && after.corpus.is_none() {
            self.reload_corpus().await;
        } else {
            let open: Vec<Url> = lock(&self.state.docs).keys().cloned().collect();
            for uri in open {
                self.schedule(uri);
            }
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        let dirs = lock(&self.state.corpus_dirs).clone();
        let canon = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let canon_dirs: Vec<PathBuf> = dirs.iter().map(|d| canon(d)).collect();
        let mut changes: Vec<(PathBuf, bool)> = Vec::new();
        let mut reload = false;
        for ev in params.changes {
            let Ok(path) = ev.uri.to_file_path() else { continue };
            if path.file_name().is_some_and(|n| n == "corroborate.toml") {
                reload = true;
                continue;
            }
            if !crate::corpus::is_article_path(&path) {
                continue;
            }
            let parent = path.parent().map(canon).unwrap_or_default();
            if canon_dirs.iter().any(|d| parent.starts_with(d)) {
                changes.push((path, ev.typ == lsp::FileChangeType::DELETED));
            }
        }
        if reload {
            self.reload_corpus().await;
            return;
        }
        if changes.is_empty() {
            return;
        }
        let old = self.corpus();
        let today = self.state.today;
        let updated = tokio::task::spawn_blocking(move || {
            old.updated(&changes, &Options::new(today), crate::corpus::DEFAULT_MAX_FILE_BYTES)
        })
        .await;
        if let Ok((corpus, messages)) = updated {
            for m in messages {
                self.client.log_message(lsp::MessageType::WARNING, format!("corroborate: {m}")).await;
            }
            let summary = format!("{} article(s), {} event(s)", corpus.sources.len(), corpus.events.len());
            self.install_corpus(corpus);
            self.status("ready").await;
            self.client.log_message(lsp::MessageType::INFO, format!("corroborate: sources updated, {summary}")).await;
        }
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let p = params.text_document_position_params;
        let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
        Ok(features::hover(&snap, &self.corpus(), p.position, self.encoding()))
    }

    async fn code_action(&self, params: lsp::CodeActionParams) -> Result<Option<lsp::CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri).await else { return Ok(None) };
        let config = lock(&self.state.config).clone();
        Ok(Some(features::code_actions(&snap, &uri, params.range, &config, &self.corpus(), self.encoding())))
    }

    async fn goto_definition(&self, params: lsp::GotoDefinitionParams) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
        let locs = features::definition(&snap, &self.corpus(), p.position, self.encoding());
        Ok((!locs.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locs)))
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let p = params.text_document_position;
        let Some(snap) = self.snapshot(&p.text_document.uri).await else { return Ok(None) };
        let locs = features::references(&snap, &p.text_document.uri, &self.corpus(), p.position, self.encoding());
        Ok((!locs.is_empty()).then_some(locs))
    }

    async fn document_symbol(&self, params: lsp::DocumentSymbolParams) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri).await else { return Ok(None) };
        Ok(Some(lsp::DocumentSymbolResponse::Nested(features::document_symbols(&snap, self.encoding()))))
    }

    async fn inlay_hint(&self, params: lsp::InlayHintParams) -> Result<Option<Vec<lsp::InlayHint>>> {
        if !lock(&self.state.config).inlay_hints {
            return Ok(None);
        }
        let Some(snap) = self.snapshot(&params.text_document.uri).await else { return Ok(None) };
        Ok(Some(features::inlay_hints(&snap, params.range, self.encoding())))
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
        let corpus = self.corpus();
        Ok(tokio::task::spawn_blocking(move || report::sources_text(&corpus)).await.unwrap_or_default())
    }

    async fn status(&self, state: &str) {
        let corpus = self.corpus();
        let folders = lock(&self.state.corpus_dirs).iter().map(|d| d.display().to_string()).collect();
        self.client
            .send_notification::<StatusNotification>(Status {
                state: state.into(),
                articles: corpus.sources.len(),
                events: corpus.events.len(),
                folders,
            })
            .await;
    }
}

/// Wraps the service to notice the `exit` notification: tower-lsp's server
/// otherwise keeps reading its input until the client closes it.
pub struct ExitWatch<S> {
    inner: S,
    exited: Arc<tokio::sync::Notify>,
}

impl<S> ExitWatch<S> {
    pub fn new(inner: S) -> (ExitWatch<S>, Arc<tokio::sync::Notify>) {
        let exited = Arc::new(tokio::sync::Notify::new());
        (ExitWatch { inner, exited: exited.clone() }, exited)
    }
}

impl<S> tower::Service<tower_lsp::jsonrpc::Request> for ExitWatch<S>
where
    S: tower::Service<tower_lsp::jsonrpc::Request>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<std::result::Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: tower_lsp::jsonrpc::Request) -> Self::Future {
        let exit = req.method() == "exit";
        let fut = self.inner.call(req);
        if exit {
            self.exited.notify_one();
        }
        fut
    }
}

/// Serves the protocol on a reader and writer until the client sends `exit`
/// or closes its end.
pub async fn serve<I, O>(input: I, output: O, today: NaiveDate)
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = service(today);
    let (service, exited) = ExitWatch::new(service);
    let (pipe_in, pipe_out) = tokio::io::duplex(1 << 20);
    tokio::spawn(forward_frames(input, pipe_in));
    tokio::select! {
        _ = Server::new(pipe_out, output, socket).serve(service) => {}
        _ = exited.notified() => {}
    }
}

/// Passes well-formed frames on to the server and drops the rest with a log
/// line: a frame whose body is not JSON would otherwise end the session.
async fn forward_frames<I, W>(input: I, mut out: W)
where
    I: tokio::io::AsyncRead + Unpin,
    W: tokio::io::AsyncWrite + Unpin,
{
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
    let mut reader = tokio::io::BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = line.trim_end();
            if l.is_empty() {
                if length.is_some() {
                    break;
                }
                continue;
            }
            match l.split_once(':') {
                Some((k, v)) if k.eq_ignore_ascii_case("content-length") => match v.trim().parse::<usize>() {
                    Ok(n) if n <= 64 << 20 => length = Some(n),
                    _ => {
                        tracing::warn!("ignoring a message with a bad Content-Length: {l}");
                        length = None;
                    }
                },
                Some(_) => {}
                None => tracing::warn!("ignoring a line that is no message header: {l:.80}"),
            }
        }
        let Some(n) = length else { continue };
        let mut body = vec![0; n];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            tracing::warn!("ignoring a message that is not JSON ({n} bytes)");
            continue;
        }
        let header = format!("Content-Length: {n}\r\n\r\n");
        if out.write_all(header.as_bytes()).await.is_err()
            || out.write_all(&body).await.is_err()
            || out.flush().await.is_err()
        {
            return;
        }
    }
}

/// Runs the server on stdin/stdout until the client exits; logs go to stderr.
pub fn run() -> i32 {
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
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), crate::cli::today()));
    // The stdin reader blocks in a thread of its own; do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    0
}
