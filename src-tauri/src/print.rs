//! Printing. The core renders each document as a self-contained HTML page; the shell loads it
//! into a hidden window from the `steady-print:` scheme (no IPC, no network, no script but the
//! core's paginator) and has WebKitGTK print that window: through the system print dialog, or
//! straight to a PDF file without any printer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use steady_core::print::{Paper, PAGINATE_JS};
use steady_core::{ApiError, ErrorCode};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::webview::PageLoadEvent;
use tauri::WebviewWindowBuilder;
use tauri::{AppHandle, Manager, Runtime, UriSchemeContext, UriSchemeResponder, WebviewUrl};
use tokio::sync::oneshot;

pub const SCHEME: &str = "steady-print";

/// What a printed page may do: show itself with its inline style and run the paginator.
const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; \
                        img-src data:; base-uri 'none'; form-action 'none'";

/// How long a page may take to load, and a PDF to be written.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);
const PDF_TIMEOUT: Duration = Duration::from_secs(120);

/// Where a document goes.
pub enum Output {
    /// The system print dialog, over the main window.
    Dialog,
    /// A PDF file, written without asking.
    Pdf(PathBuf),
}

/// Pages being printed, by number, until their window is gone.
pub struct PrintQueue {
    pages: Mutex<HashMap<u64, String>>,
    next: AtomicU64,
    webview_dir: PathBuf,
}

impl PrintQueue {
    pub fn new(webview_dir: PathBuf) -> Self {
        Self {
            pages: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
            webview_dir,
        }
    }

    fn add(&self, html: String) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, html);
        id
    }

    fn page(&self, id: u64) -> Option<String> {
        self.lock().get(&id).cloned()
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, String>> {
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Serves `steady-print://localhost/<n>` (a queued page) and `/paginate.js`.
pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let path = request.uri().path().trim_start_matches('/');
    let found = if path == "paginate.js" {
        Some(("text/javascript", PAGINATE_JS.to_owned()))
    } else {
        let queue = ctx.app_handle().try_state::<PrintQueue>();
        path.parse()
            .ok()
            .and_then(|id| queue.and_then(|queue| queue.page(id)))
            .map(|html| ("text/html; charset=utf-8", html))
    };
    let response = match found {
        Some((content_type, body)) => Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_SECURITY_POLICY, PAGE_CSP)
            .body(body.into_bytes()),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Vec::new()),
    };
    match response {
        Ok(response) => responder.respond(response),
        Err(err) => eprintln!("Steady could not serve a printout: {err}"),
    }
}

/// Whether a print window may show `url`: only its own printed page.
pub fn is_print_url(url: &tauri::Url) -> bool {
    url.scheme() == SCHEME && url.host_str() == Some("localhost")
}

pub fn is_print_window(label: &str) -> bool {
    label.starts_with("print-")
}

/// Prints `html`; `Ok(false)` when the owner cancelled the print dialog.
pub async fn print_html<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    html: String,
    paper: Paper,
    output: Output,
) -> Result<bool, ApiError> {
    let queue = app.state::<PrintQueue>();
    let id = queue.add(html);
    let result = print_queued(app, id, title, paper, output).await;
    queue.remove(id);
    result
}

async fn print_queued<R: Runtime>(
    app: &AppHandle<R>,
    id: u64,
    title: &str,
    paper: Paper,
    output: Output,
) -> Result<bool, ApiError> {
    let url = format!("{SCHEME}://localhost/{id}")
        .parse()
        .map_err(|err| failed(format!("bad page address: {err}")))?;
    let (loaded_tx, loaded_rx) = oneshot::channel();
    let loaded_tx = Mutex::new(Some(loaded_tx));
    let window =
        WebviewWindowBuilder::new(app, format!("print-{id}"), WebviewUrl::CustomProtocol(url))
            .title(title)
            .visible(false)
            .focused(false)
            .skip_taskbar(true)
            .data_directory(app.state::<PrintQueue>().webview_dir.clone())
            .on_page_load(move |_, payload| {
                if payload.event() == PageLoadEvent::Finished {
                    if let Some(tx) = loaded_tx.lock().ok().and_then(|mut tx| tx.take()) {
                        let _ = tx.send(());
                    }
                }
            })
            .build()
            .map_err(|err| failed(format!("could not open the page to print: {err}")))?;
    let result = async {
        tokio::time::timeout(LOAD_TIMEOUT, loaded_rx)
            .await
            .map_err(|_| failed("the page to print did not load in time".into()))?
            .map_err(|_| failed("the page to print was closed".into()))?;
        let waits_for_owner = matches!(output, Output::Dialog);
        let parent = app.get_webview_window("main");
        let done = platform::print(&window, parent, paper, output)?;
        // The dialog waits for the owner as long as they need; a file is written in seconds.
        let outcome = if waits_for_owner {
            done.await
        } else {
            tokio::time::timeout(PDF_TIMEOUT, done)
                .await
                .map_err(|_| failed("printing did not finish in time".into()))?
        };
        outcome
            .map_err(|_| failed("printing stopped".into()))?
            .map_err(failed)
    }
    .await;
    if let Err(err) = window.destroy() {
        eprintln!("Steady could not close a print window: {err}");
    }
    result
}

fn failed(reason: String) -> ApiError {
    ApiError::new(ErrorCode::Print, reason)
}

/// A file URL for `path`, as GTK's "Print to File" wants it.
fn file_uri(path: &Path) -> Result<String, ApiError> {
    tauri::Url::from_file_path(path)
        .map(String::from)
        .map_err(|()| failed(format!("not a full file path: {}", path.display())))
}

#[cfg(target_os = "linux")]
mod platform {
    use std::cell::RefCell;
    use std::rc::Rc;

    use steady_core::print::Paper;
    use steady_core::ApiError;
    use tauri::{Runtime, WebviewWindow};
    use tokio::sync::oneshot;
    use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse};

    use super::{failed, file_uri, Output};

    type Done = oneshot::Receiver<Result<bool, String>>;

    fn paper_size(paper: Paper) -> gtk::PaperSize {
        gtk::PaperSize::new(Some(match paper {
            Paper::A4 => "iso_a4",
            Paper::Letter => "na_letter",
        }))
    }

    /// Starts printing `window`'s page; the receiver gets the outcome.
    pub fn print<R: Runtime>(
        window: &WebviewWindow<R>,
        parent: Option<WebviewWindow<R>>,
        paper: Paper,
        output: Output,
    ) -> Result<Done, ApiError> {
        let (done_tx, done_rx) = oneshot::channel();
        let pdf_uri = match &output {
            Output::Pdf(path) => Some(file_uri(path)?),
            Output::Dialog => None,
        };
        window
            .with_webview(move |webview| {
                let operation = PrintOperation::new(&webview.inner());
                let settings = gtk::PrintSettings::new();
                let setup = gtk::PageSetup::new();
                let size = paper_size(paper);
                settings.set_paper_size(&size);
                match &pdf_uri {
                    Some(uri) => {
                        // The sheets are drawn edge to edge; a file has no unprintable margin.
                        setup.set_paper_size(&size);
                        let mm = gtk::Unit::Mm;
                        setup.set_top_margin(0.0, mm);
                        setup.set_bottom_margin(0.0, mm);
                        setup.set_left_margin(0.0, mm);
                        setup.set_right_margin(0.0, mm);
                        // GTK names its file printer in the desktop's language.
                        let file_printer = gtk::glib::dgettext(Some("gtk30"), "Print to File");
                        settings.set_printer(&file_printer);
                        settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
                        settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri));
                    }
                    None => setup.set_paper_size_and_default_margins(&size),
                }
                operation.set_print_settings(&settings);
                operation.set_page_setup(&setup);
                // The operation is kept until it reports, then let go.
                let pending = Rc::new(RefCell::new(Some((done_tx, operation.clone()))));
                let report = {
                    let pending = Rc::clone(&pending);
                    move |outcome: Result<bool, String>| {
                        if let Some((tx, _operation)) = pending.borrow_mut().take() {
                            let _ = tx.send(outcome);
                        }
                    }
                };
                let on_failed = report.clone();
                operation.connect_failed(move |_, err| on_failed(Err(err.to_string())));
                let on_finished = report.clone();
                operation.connect_finished(move |_| on_finished(Ok(true)));
                if pdf_uri.is_some() {
                    operation.print();
                } else {
                    let parent = parent.and_then(|parent| parent.gtk_window().ok());
                    if operation.run_dialog(parent.as_ref()) != PrintOperationResponse::Print {
                        report(Ok(false));
                    }
                }
            })
            .map_err(|err| failed(format!("could not reach the page: {err}")))?;
        Ok(done_rx)
    }
}

#[cfg(not(target_os = "linux"))]
mod platform {
    use steady_core::print::Paper;
    use steady_core::ApiError;
    use tauri::{Runtime, WebviewWindow};

    use super::{failed, Output};

    pub fn print<R: Runtime>(
        _window: &WebviewWindow<R>,
        _parent: Option<WebviewWindow<R>>,
        _paper: Paper,
        _output: Output,
    ) -> Result<tokio::sync::oneshot::Receiver<Result<bool, String>>, ApiError> {
        Err(failed("printing is only built for Linux so far".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_print_window_shows_only_its_printed_page() {
        for (url, allowed) in [
            ("steady-print://localhost/3", true),
            ("steady-print://localhost/paginate.js", true),
            ("steady-print://elsewhere/3", false),
            ("tauri://localhost/", false),
            ("https://example.com/", false),
            ("file:///etc/passwd", false),
        ] {
            assert_eq!(
                is_print_url(&tauri::Url::parse(url).unwrap()),
                allowed,
                "{url}"
            );
        }
        assert!(is_print_window("print-12"));
        assert!(!is_print_window("main"));
    }
}
