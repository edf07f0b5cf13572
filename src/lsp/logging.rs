//! Logging: `tracing` events go to stderr (filter `DATELINE_LOG`, default
//! `info`) and dateline's own events of level info and above also go to the
//! client as `window/logMessage`. Never to stdout, which carries the protocol.
//!
//! Each server gets its own subscriber (so several in-process servers in tests
//! log to their own clients); tasks and blocking jobs it starts inherit it
//! through [`spawn`] and [`spawn_blocking`].

use std::fmt::Write as _;
use std::future::Future;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::Client;
use tracing::field::{Field, Visit};
use tracing::{Dispatch, Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{EnvFilter, Layer};

/// A log line on its way to the client.
pub type LogLine = (MessageType, String);

/// The subscriber of one server, and the receiving end of its client log.
pub fn subscriber() -> (Dispatch, mpsc::UnboundedReceiver<LogLine>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let filter = EnvFilter::try_from_env("DATELINE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_filter(filter);
    let registry = tracing_subscriber::registry()
        .with(stderr)
        .with(ClientLayer { tx });
    (Dispatch::new(registry), rx)
}

/// Forwards log lines to the client until the channel closes.
pub async fn forward(client: Client, mut rx: mpsc::UnboundedReceiver<LogLine>) {
    while let Some((kind, message)) = rx.recv().await {
        client.log_message(kind, message).await;
    }
}

/// Spawns a task that logs through the current server's subscriber.
pub fn spawn<F>(future: F) -> tokio::task::JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    use tracing::instrument::WithSubscriber;
    tokio::spawn(future.with_current_subscriber())
}

/// Runs blocking work on the blocking pool, logging through the current
/// server's subscriber. A panic inside comes back as the `JoinError`.
pub fn spawn_blocking<F, R>(work: F) -> tokio::task::JoinHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let dispatch = tracing::dispatcher::get_default(Dispatch::clone);
    tokio::task::spawn_blocking(move || tracing::dispatcher::with_default(&dispatch, work))
}

/// Sends dateline's events of level info and above to the client.
struct ClientLayer {
    tx: mpsc::UnboundedSender<LogLine>,
}

impl<S: Subscriber> Layer<S> for ClientLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        // Only our own events: the transport's errors about a closed client
        // would otherwise loop back into the client.
        if !meta.target().starts_with("dateline") || *meta.level() > Level::INFO {
            return;
        }
        let kind = match *meta.level() {
            Level::ERROR => MessageType::ERROR,
            Level::WARN => MessageType::WARNING,
            _ => MessageType::INFO,
        };
        let mut line = Line::default();
        event.record(&mut line);
        let _ = self.tx.send((kind, line.0));
    }
}

/// The message of an event followed by its other fields as `key=value`.
#[derive(Default)]
struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let rest = std::mem::take(&mut self.0);
            let _ = write!(self.0, "{value:?}{rest}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.insert_str(0, value);
        } else {
            let _ = write!(self.0, " {}={value}", field.name());
        }
    }
}
