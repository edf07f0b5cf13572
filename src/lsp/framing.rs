//! A guard in front of the protocol codec: tower-lsp-server's reader stops
//! for good at the first frame it cannot decode, so a single malformed
//! message would end the session. Here every frame is checked first — a
//! `Content-Length` header with a sane number, a body that is a JSON-RPC 2.0
//! request, notification or response — and passed on re-framed; anything else
//! is dropped with a log line, and the reader resynchronises at the next
//! `Content-Length` header.

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};
use tracing::warn;

/// The largest body accepted (a bigger length is taken as garbage).
const MAX_BODY: usize = 256 * 1024 * 1024;

const HEADER: &[u8] = b"content-length:";

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn pump<I, O>(mut input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(step) = next_frame(&mut buf) {
            if let Step::Frame(body) = step {
                let header = format!("Content-Length: {}\r\n\r\n", body.len());
                if output.write_all(header.as_bytes()).await.is_err()
                    || output.write_all(&body).await.is_err()
                {
                    return;
                }
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let _ = output.shutdown().await;
}

/// What the buffer yielded.
#[derive(Debug, PartialEq)]
enum Step {
    /// A valid body, to pass on.
    Frame(Vec<u8>),
    /// Bytes dropped; look again.
    Skipped,
}

/// Takes the next frame (or some garbage) off the front of `buf`; `None`
/// when more input is needed.
fn next_frame(buf: &mut Vec<u8>) -> Option<Step> {
    let Some(start) = find_header(buf) else {
        // Keep a tail that may be the start of a header split across reads.
        let keep = buf.len().min(HEADER.len());
        if buf.len() > keep {
            buf.drain(..buf.len() - keep);
        }
        return None;
    };
    if start > 0 {
        if buf[..start].iter().any(|b| !b.is_ascii_whitespace()) {
            warn!("dropped {start} bytes of garbage between messages");
        }
        buf.drain(..start);
        return Some(Step::Skipped);
    }
    let end = find(buf, b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&buf[..end]).into_owned();
    let length = headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
        warn!("dropped a message with a bad Content-Length header");
        buf.drain(..end + 4);
        return Some(Step::Skipped);
    };
    if buf.len() < end + 4 + length {
        return None;
    }
    let body: Vec<u8> = buf[end + 4..end + 4 + length].to_vec();
    buf.drain(..end + 4 + length);
    if is_message(&body) {
        Some(Step::Frame(body))
    } else {
        warn!("dropped a message that is not a JSON-RPC 2.0 request, notification or response");
        Some(Step::Skipped)
    }
}

/// True for a body the codec will accept.
fn is_message(body: &[u8]) -> bool {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    if value.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value).is_ok()
}

/// Where a `Content-Length:` header (any case) starts.
fn find_header(buf: &[u8]) -> Option<usize> {
    buf.windows(HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER))
}

fn find(buf: &[u8], needle: &[u8]) -> Option<usize> {
    buf.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Step> {
        let mut buf = input.to_vec();
        std::iter::from_fn(|| next_frame(&mut buf)).collect()
    }

    const PING: &[u8] = br#"{"jsonrpc":"2.0","method":"$/ping"}"#;

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut f = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        f.extend_from_slice(body);
        f
    }

    #[test]
    fn bad_frames_are_dropped_and_the_next_one_is_found() {
        for bad in [
            framed(b"{not json"),
            framed(b"[]"),
            framed(br#"{"jsonrpc": "1.0", "id": 5, "method": "shutdown"}"#),
            framed(b"\xff\xfe{}"),
            b"Content-Length: -1\r\n\r\n".to_vec(),
            b"Content-Length: 99999999999999999999999\r\n\r\n".to_vec(),
            b"hello\r\n\r\n".to_vec(),
            [
                format!("Content-Length: {}\r\n\r\n", PING.len() - 5).as_bytes(),
                PING,
            ]
            .concat(),
            [
                format!("Content-Length: {}\r\n\r\n", PING.len() + 9).as_bytes(),
                PING,
            ]
            .concat(),
        ] {
            let mut input = bad.clone();
            // Twice: a too-long length swallows the start of the first.
            input.extend(framed(PING));
            input.extend(framed(PING));
            let got: Vec<Step> = frames(&input)
                .into_iter()
                .filter(|s| *s != Step::Skipped)
                .collect();
            assert_eq!(
                got.last(),
                Some(&Step::Frame(PING.to_vec())),
                "{}",
                String::from_utf8_lossy(&bad)
            );
        }
    }

    #[test]
    fn a_frame_split_across_reads_waits_for_the_rest() {
        let whole = framed(PING);
        let mut buf = whole[..10].to_vec();
        assert_eq!(next_frame(&mut buf), None);
        buf.extend_from_slice(&whole[10..]);
        assert_eq!(next_frame(&mut buf), Some(Step::Frame(PING.to_vec())));
    }
}
