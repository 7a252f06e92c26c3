//! A test client for the language server: real JSON-RPC framing over an
//! in-process pipe, waiting for messages with timeouts (never fixed sleeps).

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::mpsc;

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    /// The server task; its output is the exit status.
    pub server: Option<tokio::task::JoinHandle<i32>>,
    /// Whether requests from the server are answered (progress tokens, registrations).
    pub answer_requests: bool,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications and server requests seen while waiting for something else.
    pub seen: VecDeque<Value>,
    next_id: i64,
    /// How long to wait for a message (`TIMEOUT`; a benchmark on a large archive waits longer).
    pub timeout: Duration,
}

async fn read_message(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; length?];
    reader.read_exact(&mut buf).await.ok()?;
    serde_json::from_slice(&buf).ok()
}

fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl TestClient {
    /// Starts the server in-process and connects to it.
    pub fn start() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let server = tokio::spawn(corroborate::lsp::serve(server_read, server_write, today));
        let (read, writer) = tokio::io::split(client_end);
        let (tx, incoming) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            while let Some(msg) = read_message(&mut reader).await {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        TestClient {
            writer,
            server: Some(server),
            answer_requests: true,
            incoming,
            seen: VecDeque::new(),
            next_id: 1,
            timeout: TIMEOUT,
        }
    }

    pub async fn send(&mut self, v: Value) {
        self.writer.write_all(&frame(&v)).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Closes the client's end of the server's input.
    pub async fn close_input(&mut self) {
        let _ = self.writer.shutdown().await;
    }

    /// Waits for the server to end and returns its exit status.
    pub async fn exit_status(&mut self) -> i32 {
        let h = self.server.take().expect("the server was already awaited");
        tokio::time::timeout(TIMEOUT, h).await.expect("the server did not end").expect("the server task failed")
    }

    /// Sends raw bytes (for malformed input).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let msg = if params.is_null() {
            json!({"jsonrpc": "2.0", "method": method})
        } else {
            json!({"jsonrpc": "2.0", "method": method, "params": params})
        };
        self.send(msg).await;
    }

    /// The next message from the server, answering its requests on the way.
    async fn next(&mut self) -> Value {
        let msg = tokio::time::timeout(self.timeout, self.incoming.recv())
            .await
            .expect("timed out waiting for the server")
            .expect("the server closed the connection");
        // Server-to-client requests (progress tokens, registrations) get an empty success.
        if self.answer_requests && msg.get("method").is_some() && msg.get("id").is_some() {
            let id = msg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null})).await;
        }
        msg
    }

    /// Sends a request and returns its whole response (result or error).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = if params.is_null() {
            json!({"jsonrpc": "2.0", "id": id, "method": method})
        } else {
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        };
        self.send(msg).await;
        loop {
            let msg = self.next().await;
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.seen.push_back(msg);
        }
    }

    /// The result of a request, failing on an error response.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params).await;
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Waits for a notification matching `pred`, looking first at what was seen.
    pub async fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i).unwrap();
        }
        let deadline = tokio::time::Instant::now() + self.timeout;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.next())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}; seen: {:#?}", self.seen));
            if pred(&msg) {
                return msg;
            }
            self.seen.push_back(msg);
        }
    }

    /// Waits for diagnostics of `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self
            .wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        msg["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Initializes with `options` and waits until the sources are loaded.
    pub async fn initialize(&mut self, root: &std::path::Path, options: Value, utf8: bool) -> Value {
        let r = self.initialize_only(root, options, utf8).await;
        self.wait_for("the sources to load", |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"].as_str().is_some_and(|s| s.contains("sources loaded"))
        })
        .await;
        r
    }

    /// Sends `initialize` and `initialized` without waiting for the sources.
    /// The client's locale is English, so no test depends on the developer's `LANG`.
    pub async fn initialize_only(&mut self, root: &std::path::Path, options: Value, utf8: bool) -> Value {
        self.initialize_with_locale(root, options, utf8, Some("en")).await
    }

    /// `initialize` (with `locale` when given) and `initialized`, without waiting for the sources.
    pub async fn initialize_with_locale(
        &mut self,
        root: &std::path::Path,
        options: Value,
        utf8: bool,
        locale: Option<&str>,
    ) -> Value {
        let mut caps = json!({
            "window": {"workDoneProgress": true},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        });
        if utf8 {
            caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
        }
        let root_uri = url(root);
        let mut params =
            json!({"processId": null, "rootUri": root_uri, "capabilities": caps, "initializationOptions": options});
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        let r = self.call("initialize", params).await;
        self.notify("initialized", json!({})).await;
        r
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    }

    pub async fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert!(r.get("error").is_none(), "shutdown: {r}");
        self.notify("exit", Value::Null).await;
    }
}

pub fn url(path: &std::path::Path) -> String {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", abs.display())
}
