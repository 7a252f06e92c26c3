//! The wire: `Content-Length` framing between the client and tower-lsp.
//!
//! tower-lsp ends its session on input it cannot decode (a body that is not
//! JSON, valid JSON that is no LSP message, a batch) and never recovers from a
//! wrong `Content-Length`. So every frame passes through here first:
//!
//! - a frame whose header or body is malformed is dropped with a log line, and
//!   reading resynchronises on the next `Content-Length` header (a length that
//!   is too short leaves the rest of the body behind, which is skipped; one that
//!   is too long swallows the next header, which is found again);
//! - a body that is JSON but no valid message is answered with a JSON-RPC
//!   `-32600` error when it carries a usable id, and dropped with a log line
//!   otherwise; a frame over `MAX_FRAME` bytes is dropped;
//! - a notification whose parameters do not fit its method (a position past
//!   `u32`) is dropped with a log line naming the method, where tower-lsp
//!   would drop it silently;
//! - `shutdown` and `exit` are noticed, so that the server ends on `exit` (with
//!   status 1 when no `shutdown` came first) and on end of input in any state.
//!
//! Output from tower-lsp and the error replies made here go through one
//! writer, a whole frame at a time.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, Notify};
use tower_lsp::lsp_types as lsp;

/// The largest frame accepted, in bytes.
pub const MAX_FRAME: usize = 64 << 20;
/// Headers longer than this without their blank line are garbage.
const MAX_HEADER: usize = 8 << 10;

/// What the transport tells the server loop.
#[derive(Default)]
pub struct Signals {
    /// A `shutdown` request came in.
    pub shutdown: AtomicBool,
    /// The session is over: `exit`, end of input, or a broken output.
    pub ended: Notify,
}

impl Signals {
    fn end(&self) {
        self.ended.notify_waiters();
        // A permit for a loop that is not waiting yet.
        self.ended.notify_one();
    }

    /// The process's exit status: 0 after `shutdown`, 1 without (as the protocol asks).
    pub fn exit_code(&self) -> i32 {
        if self.shutdown.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    }
}

/// One frame to write, header included.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(hay, needle)
}

/// Where the next `Content-Length` header starts in `bytes` (any case).
fn next_header(bytes: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    let mut from = 0;
    while from < bytes.len() {
        let i = memchr::memchr2(b'c', b'C', &bytes[from..])? + from;
        if bytes.len() - i >= NAME.len() && bytes[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// What the start of the buffer holds.
#[derive(Debug, PartialEq)]
enum Parse {
    /// A frame: header length, body length.
    Frame(usize, usize),
    /// Not enough bytes yet.
    More,
    /// Garbage: skip this many bytes, with the reason.
    Skip(usize, String),
}

fn parse(buf: &[u8]) -> Parse {
    // Resynchronise on the header: skip whatever comes before it.
    match next_header(buf) {
        Some(0) => {}
        Some(p) => return Parse::Skip(p, format!("{p} bytes before a message header")),
        None => {
            // Keep a tail that may be the start of a header.
            let keep = buf.len().min(16);
            return if buf.len() > MAX_HEADER {
                Parse::Skip(buf.len() - keep, format!("{} bytes that are no message", buf.len() - keep))
            } else {
                Parse::More
            };
        }
    }
    let (end, sep) = match (find(buf, b"\r\n\r\n"), find(buf, b"\n\n")) {
        (Some(a), Some(b)) if b + 2 < a + 4 => (b, 2),
        (Some(a), _) => (a, 4),
        (None, Some(b)) => (b, 2),
        (None, None) => {
            return if buf.len() > MAX_HEADER {
                Parse::Skip(1, "a header without its end".into())
            } else {
                Parse::More
            };
        }
    };
    let header = String::from_utf8_lossy(&buf[..end]);
    let mut length = None;
    for line in header.split('\n').map(|l| l.trim_end_matches('\r')) {
        let Some((k, v)) = line.split_once(':') else {
            return Parse::Skip(1, format!("a header line that is no header: {line:.80}"));
        };
        if k.trim().eq_ignore_ascii_case("content-length") {
            match v.trim().parse::<usize>() {
                Ok(n) => length = Some(n),
                Err(_) => return Parse::Skip(1, format!("a bad Content-Length: {:.40}", v.trim())),
            }
        }
    }
    let Some(n) = length else { return Parse::Skip(1, "a header without Content-Length".into()) };
    let head = end + sep;
    if n > MAX_FRAME {
        return Parse::Skip(head, format!("a message of {n} bytes, over the limit of {MAX_FRAME}"));
    }
    if buf.len() < head + n {
        // A Content-Length that is too long swallows the next frame: if a
        // complete JSON value is followed by a header, the frame ends there.
        if let Some(q) = next_header(&buf[head..]) {
            if serde_json::from_slice::<serde::de::IgnoredAny>(trim_ws(&buf[head..head + q])).is_ok() {
                return Parse::Frame(head, q);
            }
        }
        return Parse::More;
    }
    Parse::Frame(head, n)
}

fn trim_ws(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let e = b.iter().rposition(|c| !c.is_ascii_whitespace()).map(|i| i + 1).unwrap_or(s);
    &b[s..e.max(s)]
}

/// What to do with a body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// A valid message: pass it on. `method` for requests and notifications.
    Forward { method: Option<String>, is_request: bool },
    /// Invalid, with a usable id: answer this error.
    Reply(Value),
    /// Invalid without a usable id: drop it, saying why.
    Drop(String),
}

fn usable_id(v: &Value) -> bool {
    v.is_string() || v.is_i64() || v.is_u64()
}

/// Judges a frame's body as a JSON-RPC message of the protocol.
pub fn judge(body: &[u8]) -> Verdict {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Verdict::Drop(format!("a message that is not JSON ({e})")),
    };
    let Some(obj) = v.as_object() else {
        let what = match &v {
            Value::Array(_) => "a batch (the protocol has none)",
            Value::Null => "null",
            _ => "JSON that is no object",
        };
        return Verdict::Drop(format!("{what} instead of a message"));
    };
    let id = obj.get("id");
    let invalid = |why: &str| -> Verdict {
        match id {
            Some(i) if usable_id(i) => Verdict::Reply(json!({
                "jsonrpc": "2.0",
                "id": i,
                "error": { "code": -32600, "message": format!("Invalid Request: {why}") },
            })),
            _ => Verdict::Drop(format!("an invalid message without a usable id: {why}")),
        }
    };
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("`jsonrpc` must be \"2.0\"");
    }
    if let Some(i) = id {
        if !usable_id(i) && !i.is_null() {
            return invalid("`id` must be a number or a string");
        }
    }
    match obj.get("method") {
        Some(Value::String(m)) => {
            if let Some(p) = obj.get("params") {
                if !(p.is_object() || p.is_array() || p.is_null()) {
                    return invalid("`params` must be an object or an array");
                }
            }
            match id {
                Some(i) if usable_id(i) => Verdict::Forward { method: Some(m.clone()), is_request: true },
                Some(_) => invalid("a request's `id` must be a number or a string"),
                None => match notification_problem(m, obj.get("params")) {
                    Some(why) => Verdict::Drop(format!("`{m}` with parameters that do not fit it: {why}")),
                    None => Verdict::Forward { method: Some(m.clone()), is_request: false },
                },
            }
        }
        Some(_) => invalid("`method` must be a string"),
        None => {
            let has_result = obj.contains_key("result");
            let error_ok = obj
                .get("error")
                .map(|e| e.get("code").is_some_and(|c| c.is_i64()) && e.get("message").is_some_and(Value::is_string));
            match (id, has_result, error_ok) {
                (Some(i), true, None) if usable_id(i) => Verdict::Forward { method: None, is_request: false },
                (Some(i), false, Some(true)) if usable_id(i) || i.is_null() => {
                    Verdict::Forward { method: None, is_request: false }
                }
                _ => invalid("neither a request, a notification nor a response"),
            }
        }
    }
}

/// The body without a `"params": null`, which the protocol's parameterless
/// `shutdown` and `exit` do not have but some clients send (eglot 1.9), and
/// which tower-lsp answers with "Unexpected params". Other bodies as they are.
pub fn without_null_params(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if let Ok(Value::Object(mut obj)) = serde_json::from_slice::<Value>(body) {
        if obj.get("params").is_some_and(Value::is_null) {
            obj.remove("params");
            if let Ok(v) = serde_json::to_vec(&Value::Object(obj)) {
                return std::borrow::Cow::Owned(v);
            }
        }
    }
    std::borrow::Cow::Borrowed(body)
}

/// Why a notification's parameters do not fit its method, for the methods
/// corroborate handles (tower-lsp drops such notifications without a word).
fn notification_problem(method: &str, params: Option<&Value>) -> Option<String> {
    fn check<T: serde::de::DeserializeOwned>(p: Option<&Value>) -> Option<String> {
        let p = p.cloned().unwrap_or(Value::Null);
        serde_json::from_value::<T>(p).err().map(|e| e.to_string())
    }
    match method {
        "textDocument/didOpen" => check::<lsp::DidOpenTextDocumentParams>(params),
        "textDocument/didChange" => check::<lsp::DidChangeTextDocumentParams>(params),
        "textDocument/didClose" => check::<lsp::DidCloseTextDocumentParams>(params),
        "workspace/didChangeWatchedFiles" => check::<lsp::DidChangeWatchedFilesParams>(params),
        "workspace/didChangeConfiguration" => check::<lsp::DidChangeConfigurationParams>(params),
        _ => None,
    }
}

/// Reads frames from the client, passes valid ones to `to_server`, answers
/// invalid ones through `replies`, and ends the session on `exit` or at the
/// end of input.
pub async fn read_frames<I, W>(
    mut input: I,
    mut to_server: W,
    replies: mpsc::UnboundedSender<Vec<u8>>,
    signals: Arc<Signals>,
) where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::with_capacity(64 << 10);
    let mut start = 0usize;
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        match parse(&buf[start..]) {
            Parse::Frame(head, n) => {
                let body = &buf[start + head..start + head + n];
                let verdict = judge(body);
                match verdict {
                    Verdict::Forward { method, is_request } => {
                        let framed = match method.as_deref() {
                            Some("shutdown" | "exit") => frame(&without_null_params(body)),
                            _ => frame(body),
                        };
                        start += head + n;
                        if is_request && method.as_deref() == Some("shutdown") {
                            signals.shutdown.store(true, Ordering::SeqCst);
                        }
                        if to_server.write_all(&framed).await.is_err() || to_server.flush().await.is_err() {
                            signals.end();
                            return;
                        }
                        if !is_request && method.as_deref() == Some("exit") {
                            signals.end();
                            return;
                        }
                    }
                    Verdict::Reply(error) => {
                        tracing::warn!("answered an invalid message with an error: {}", error["error"]["message"]);
                        start += head + n;
                        let _ = replies.send(frame(error.to_string().as_bytes()));
                    }
                    Verdict::Drop(why) => {
                        tracing::warn!("dropped {why}");
                        // A body that is not JSON may be a frame whose length was
                        // too short: look for the next header after this one.
                        let not_json = why.starts_with("a message that is not JSON");
                        start += if not_json { 1 } else { head + n };
                    }
                }
            }
            Parse::Skip(n, why) => {
                tracing::warn!("skipped {why}");
                start += n.max(1);
            }
            Parse::More => {
                if start > 0 {
                    buf.drain(..start);
                    start = 0;
                }
                match input.read(&mut chunk).await {
                    Ok(0) | Err(_) => {
                        signals.end();
                        return;
                    }
                    Ok(k) => buf.extend_from_slice(&chunk[..k]),
                }
            }
        }
    }
}

/// Reads the frames tower-lsp writes and hands each whole to the writer.
pub async fn server_frames<R>(mut from_server: R, out: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
{
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        while let Parse::Frame(head, n) = parse(&buf) {
            let f = buf.drain(..head + n).collect::<Vec<u8>>();
            if out.send(f).is_err() {
                return;
            }
        }
        match from_server.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(k) => buf.extend_from_slice(&chunk[..k]),
        }
    }
}

/// Writes whole frames to the client until every sender is gone.
pub async fn write_frames<O>(mut output: O, mut frames: mpsc::UnboundedReceiver<Vec<u8>>, signals: Arc<Signals>)
where
    O: AsyncWrite + Unpin,
{
    while let Some(f) = frames.recv().await {
        if output.write_all(&f).await.is_err() || output.flush().await.is_err() {
            tracing::warn!("the client's end of the output is closed");
            signals.end();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn null_params_are_dropped_and_other_bodies_kept() {
        let v: Value = serde_json::from_slice(&without_null_params(
            br#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#,
        ))
        .unwrap();
        assert_eq!(v, json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}));
        let kept = br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert_eq!(&*without_null_params(kept), &kept[..]);
    }

    use super::*;

    #[test]
    fn frames_are_found_and_garbage_is_skipped() {
        let f = frame(br#"{"jsonrpc":"2.0","method":"x"}"#);
        assert_eq!(parse(&f), Parse::Frame(22, 30));
        let mut g = b"garbage".to_vec();
        g.extend(&f);
        assert_eq!(parse(&g), Parse::Skip(7, "7 bytes before a message header".into()));
        assert_eq!(parse(&f[..10]), Parse::More);
        // Too long a Content-Length: the frame ends where the next header starts.
        let mut long = b"Content-Length: 90\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec();
        long.extend(&f);
        assert_eq!(parse(&long), Parse::Frame(22, 30));
    }

    #[test]
    fn invalid_messages_get_an_error_when_they_have_an_id() {
        for body in [
            "[]",
            "{}",
            "null",
            "5",
            r#"[{"jsonrpc":"2.0","method":"x"}]"#,
            r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
        ] {
            assert!(matches!(judge(body.as_bytes()), Verdict::Drop(_)), "{body}");
        }
        for body in [r#"{"jsonrpc":"2.0","id":3,"method":5}"#, r#"{"jsonrpc":"1.0","id":"a","method":"x"}"#] {
            let Verdict::Reply(v) = judge(body.as_bytes()) else { panic!("{body}") };
            assert_eq!(v["error"]["code"], -32600);
        }
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            Verdict::Forward { is_request: true, .. }
        ));
        assert!(matches!(judge(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), Verdict::Forward { .. }));
    }

    #[test]
    fn a_change_past_u32_is_dropped_with_a_reason() {
        let body = br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.md","version":2},"contentChanges":[{"range":{"start":{"line":5000000000,"character":0},"end":{"line":0,"character":0}},"text":"x"}]}}"#;
        let Verdict::Drop(why) = judge(body) else { panic!() };
        assert!(why.contains("textDocument/didChange"), "{why}");
    }
}
