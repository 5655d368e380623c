//! The read-only web page over a store: the report's views, search over sentences, a page
//! per document with its annotations marked, and the same data as JSON under `/api/`.
//! Only what the store holds is ever served: there is no file route.
//!
//! The report and the JSON of its views are built once from the store and kept; a
//! request after another process ended an ingest (the store's generation moved)
//! has them built again in the background, and waits a few seconds for them before it
//! is answered from the report as it was (not at all when they took longer than that
//! the last time: a large store's page answers at once).
//!
//! At start and after each ingest, the first page (the ledger, and the projects) is made
//! first, from the grouping the store keeps and without reading every analysis; the
//! timeline, figures and people are built behind it. Meanwhile they are answered as they
//! were; at start, when there are none yet, a request for one waits a few seconds and is
//! then asked to come back (`503`, `Retry-After`; the page reloads by itself).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use overdue_store::{Store, StoreError};
use overdue_timeline::projects::{Corrections, group};
use serde::Deserialize;

use crate::dossier::{Dossier, Draft};
use crate::html::{Links, doc_href, esc, head};

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound, or the server failed.
    #[error("{addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The store.
    pub db: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The pages' title.
    pub title: String,
}

/// The report as built from the store at one generation: the dossier, its first page
/// and the JSON of each view.
struct Built {
    version: i64,
    /// Whether it has every view; else only the ledger and the projects
    /// ([`Dossier::of_overview`]), while the whole is built in the background.
    whole: bool,
    dossier: Arc<Dossier>,
    index: Arc<String>,
    /// The whole views as JSON ([`VIEWS`]), each made when first asked for: on a large
    /// store they are hundreds of megabytes, and most visits never ask.
    api: [OnceLock<Bytes>; 5],
    /// Each project's part of the dossier, made when first asked for.
    projects: Mutex<HashMap<String, Arc<Dossier>>>,
}

/// The views `/api/` gives whole, in the order of [`Built::api`].
const VIEWS: [&str; 5] = ["ledger", "timeline", "figures", "people", "projects"];

impl Built {
    /// The part of the dossier about the project of id `id`, if there is one: the whole
    /// dossier when that is its only project.
    fn project(&self, id: &str) -> Option<Arc<Dossier>> {
        let d = &self.dossier;
        if d.grouping.projects.len() == 1 {
            return (d.grouping.projects[0].id == id).then(|| d.clone());
        }
        let mut made = self.projects.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = made.get(id) {
            return Some(p.clone());
        }
        let p = Arc::new(d.project(id)?);
        made.insert(id.to_string(), p.clone());
        Some(p)
    }

    /// The whole view `view` as JSON, if there is one of that name.
    fn api(&self, view: &str) -> Option<Bytes> {
        let k = VIEWS.iter().position(|v| *v == view)?;
        Some(
            self.api[k]
                .get_or_init(|| view_json(&self.dossier, view))
                .clone(),
        )
    }
}

/// One of [`VIEWS`] of a dossier as JSON (the grouping for any other name).
fn view_json(d: &Dossier, view: &str) -> Bytes {
    let json = match view {
        "ledger" => serde_json::to_string(d.ledger.as_ref()),
        // (Written from the entries, not made into a tree of JSON values first: that
        // took 28 s and 3.5 GB for 100,000 documents' 2.6 million entries.)
        "timeline" => serde_json::to_string(&TimelinePage {
            total: None,
            offset: None,
            entries: &d.timeline,
        }),
        "figures" => serde_json::to_string(&d.figures),
        "people" => serde_json::to_string(&d.people),
        _ => serde_json::to_string(&d.grouping),
    };
    Bytes::from(json.unwrap_or_else(|_| "null".into()))
}

/// The timeline as `/api/timeline` gives it: whole, or a page of it with the number of
/// entries and the first one's place.
#[derive(serde::Serialize)]
struct TimelinePage<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<usize>,
    entries: &'a [overdue_timeline::events::Entry],
}

/// Timeline entries per page.
const PAGE: usize = 500;

/// The web view's menu.
const MENU: [(&str, &str); 7] = [
    ("/", "Ledger"),
    ("/timeline", "Timeline"),
    ("/figures", "Figures"),
    ("/people", "People"),
    ("/projects", "Projects"),
    ("/search", "Search"),
    ("/documents", "Documents"),
];

struct App {
    store: Mutex<Store>,
    /// Where the store is: a report is built on a connection of its own.
    path: PathBuf,
    /// The newest report: whole, or its first page only (from the store's overview).
    built: RwLock<Option<Arc<Built>>>,
    /// The newest whole report.
    whole: RwLock<Option<Arc<Built>>>,
    /// When the report being built in the background was begun, if one is.
    building: Mutex<Option<Instant>>,
    /// How long the last first page and the last whole report took to make, in
    /// milliseconds: a request waits for a new one only if it can be ready in time.
    first_took: AtomicU64,
    whole_took: AtomicU64,
    done: Condvar,
    title: String,
    /// Why the last report built in the background could not be made, until one is,
    /// and the store's generation it was for (not tried again until the store changes).
    failure: Mutex<Option<(i64, String)>>,
}

/// How long after the store changed requests wait for the report to be built again
/// before they are answered from the report as it was: a small store is seen changed at
/// once, a large one does not stop the page while it is read again.
const WAIT: Duration = Duration::from_secs(3);

impl App {
    /// The store's generation (ingests ended).
    fn generation(&self) -> Result<i64, StoreError> {
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.generation()
    }

    /// The newest report, whole or its first page: built again if the store changed
    /// since, in the background; requests wait for its first page until [`WAIT`] after it
    /// began, and then get the report as it was; `None` if there is none yet (the server
    /// has just started on a large store).
    fn built(self: &Arc<Self>) -> Result<Option<Arc<Built>>, StoreError> {
        let version = self.generation()?;
        let current = || self.built.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(b) = current().filter(|b| b.version == version) {
            return Ok(Some(b));
        }
        let took = self.first_took.load(Ordering::Relaxed);
        self.wait(version, took, || {
            current().is_some_and(|b| b.version == version)
        });
        // The report as it is now: the new one if it was built in time.
        Ok(current())
    }

    /// The answer to a page or view whose report is not built yet: try again in a few
    /// seconds, or why it could not be built.
    fn not_ready(&self, json: bool) -> Response {
        if let Some((_, why)) = self
            .failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        {
            return failed(why);
        }
        let first = self
            .built
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        preparing(json, first)
    }

    /// Notes why the report of the store at `version` could not be built, for the pages,
    /// and says so on the standard error (if it can: a closed one does not stop the
    /// server).
    fn fail(&self, version: i64, what: &str, e: StoreError) {
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((version, format!("{what}: {e}")));
        let _ = writeln!(std::io::stderr(), "overdue: {what} could not be made: {e}");
    }

    /// The report with every view, built again if the store changed since (in the
    /// background: requests wait for it until [`WAIT`] after it began, and then get the
    /// whole report as it was); `None` if none is built yet (the server has just
    /// started, and only the first page is).
    fn whole(self: &Arc<Self>) -> Result<Option<Arc<Built>>, StoreError> {
        let version = self.generation()?;
        let current = || self.whole.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(w) = current().filter(|w| w.version == version) {
            return Ok(Some(w));
        }
        // (Before the first whole report, it takes longer than the first page.)
        let took =
            (self.whole_took.load(Ordering::Relaxed)).max(self.first_took.load(Ordering::Relaxed));
        self.wait(version, took, || {
            current().is_some_and(|w| w.version == version)
        });
        Ok(current())
    }

    /// Begins building the report of the store at `version` if none is being built, and
    /// waits until `ready` holds or [`WAIT`] after it began; not at all if what it waits
    /// for took longer than that the last time (`took`, in milliseconds): on a large
    /// store the page as it was is answered at once. Neither if the report of the store
    /// at `version` could not be made: it is tried again once the store changes.
    fn wait(self: &Arc<Self>, version: i64, took: u64, ready: impl Fn() -> bool) {
        // (Not again for a store that has not changed since its report could not be made.)
        let failed = self.failure.lock().unwrap_or_else(|e| e.into_inner());
        if failed.as_ref().is_some_and(|f| f.0 == version) {
            return;
        }
        drop(failed);
        let mut building = self.building.lock().unwrap_or_else(|e| e.into_inner());
        let began = self.begin(&mut building, version, true);
        if Duration::from_millis(took) > WAIT {
            return;
        }
        let left = WAIT.saturating_sub(began.elapsed());
        let _ = self
            .done
            .wait_timeout_while(building, left, |_| !ready())
            .unwrap_or_else(|e| e.into_inner());
    }

    /// When the report being built in the background was begun, beginning it (for the
    /// store at `version` or later: its first page if `first`, then the whole) if none
    /// is. `building` is [`App::building`], locked.
    fn begin(
        self: &Arc<Self>,
        building: &mut Option<Instant>,
        version: i64,
        first: bool,
    ) -> Instant {
        *building.get_or_insert_with(|| {
            let app = self.clone();
            std::thread::spawn(move || {
                if first {
                    if let Err(e) = app.glance(version) {
                        app.fail(version, "the first page", e);
                    }
                    app.tell();
                }
                if let Err(e) = app.build(version) {
                    app.fail(version, "the report", e);
                }
                *app.building.lock().unwrap_or_else(|e| e.into_inner()) = None;
                app.done.notify_all();
            });
            Instant::now()
        })
    }

    /// Wakes the requests waiting for a report (after the lock they wait under, so that
    /// none misses it).
    fn tell(&self) {
        drop(self.building.lock().unwrap_or_else(|e| e.into_inner()));
        self.done.notify_all();
    }

    /// The first page from the store's overview (its ledger and projects, read without
    /// the analyses), kept until the whole report is built; `false` if the store keeps
    /// no grouping to read it from.
    fn glance(&self, version: i64) -> Result<bool, StoreError> {
        let began = Instant::now();
        let Some(overview) = Store::open_read_only(&self.path)?.overview(None)? else {
            return Ok(false);
        };
        let d = Dossier::of_overview(overview);
        self.keep(version, false, d);
        self.first_took
            .store(began.elapsed().as_millis() as u64, Ordering::Relaxed);
        Ok(true)
    }

    /// Builds the report from the store as it is at `version` or later (on a connection
    /// of its own: searches and document pages go on meanwhile) and keeps it.
    fn build(&self, version: i64) -> Result<Arc<Built>, StoreError> {
        let began = Instant::now();
        let store = Store::open_read_only(&self.path)?;
        // The first page's ledger if it was made from the store as it is read here (seen
        // at the same generation before and after), else one made here; the grouping the
        // last ingest kept, else one made here.
        let before = store.generation()?;
        let first = self
            .built
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .filter(|b| !b.whole && b.version == before);
        // (The other views are made a chunk of documents at a time, each chunk let go once
        // they have it, on the first page's ledger if there is one.) The pages link to the
        // documents' own pages: their texts are not kept here.
        let given = first.map(|f| f.dossier.ledger.clone());
        let on_first = given.is_some();
        let read = Dossier::of_store(&store, given, None, |ledger| Draft::new(false, ledger))?;
        // (A first page's ledger goes only with the store as it was when it was made.)
        let same = store.generation()? == before;
        let read = read.filter(|_| same || !on_first);
        let d = match read {
            Some(d) => d,
            None => {
                let (docs, grouping) = store.views()?;
                let grouping = grouping.unwrap_or_else(|| group(&docs, &Corrections::default()));
                let mut d = Dossier::build(docs, grouping, None);
                for info in d.docs.values_mut() {
                    info.text = String::new();
                }
                d
            }
        };
        let built = self.keep(version, true, d);
        self.whole_took
            .store(began.elapsed().as_millis() as u64, Ordering::Relaxed);
        Ok(built)
    }

    /// Keeps the report of dossier `d` (with every view, or not) and makes its first
    /// page.
    fn keep(&self, version: i64, whole: bool, d: Dossier) -> Arc<Built> {
        let mut index = head(&self.title);
        crate::html::top(&mut index, &d, &self.title, &MENU);
        crate::html::chart(&mut index, &d);
        crate::html::ledger(&mut index, &d, Links::Documents, 5);
        index.push_str("</body></html>");
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let built = Arc::new(Built {
            version,
            whole,
            dossier: Arc::new(d),
            index: Arc::new(index),
            api: Default::default(),
            projects: Mutex::new(HashMap::new()),
        });
        *self.built.write().unwrap_or_else(|e| e.into_inner()) = Some(built.clone());
        if whole {
            *self.whole.write().unwrap_or_else(|e| e.into_inner()) = Some(built.clone());
        }
        built
    }
}

/// The router over an open store. Its report is begun at once in the background: the
/// first page from the store's overview, then the rest (a store of 100,000 documents:
/// seconds, then twenty); requests meanwhile wait up to three seconds for it, then are
/// asked to come back (503 with `Retry-After`; the page reloads itself).
pub fn router(store: Store, title: &str) -> Result<Router, StoreError> {
    let app = Arc::new(App {
        path: store.path().to_path_buf(),
        store: Mutex::new(store),
        built: RwLock::new(None),
        whole: RwLock::new(None),
        building: Mutex::new(None),
        first_took: AtomicU64::new(0),
        whole_took: AtomicU64::new(0),
        done: Condvar::new(),
        title: title.to_string(),
        failure: Mutex::new(None),
    });
    // (A store that keeps no grouping has no first page: its whole report is built.)
    let version = app.generation()?;
    {
        let mut building = app.building.lock().unwrap_or_else(|e| e.into_inner());
        app.begin(&mut building, version, true);
    }
    Ok(Router::new()
        .route("/", get(index))
        .route("/timeline", get(timeline))
        .route("/figures", get(section))
        .route("/people", get(section))
        .route("/projects", get(section))
        .route("/project", get(project))
        .route("/search", get(search))
        .route("/documents", get(documents))
        .route("/doc", get(document))
        .route("/api/{view}", get(api))
        .fallback(not_found)
        .with_state(app))
}

/// Serves `options.db` until interrupted (Ctrl-C).
pub fn serve(options: &Options) -> Result<(), ServeError> {
    let store = Store::open_read_only(&options.db)?;
    let app = router(store, &options.title)?;
    let addr = options.addr;
    let io = |source| ServeError::Io { addr, source };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
        let bound = listener.local_addr().map_err(io)?;
        eprintln!(
            "overdue: serving {} on http://{bound}/",
            options.db.display()
        );
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(io)
    })
}

type Shared = State<Arc<App>>;

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn json(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn failed(e: impl std::fmt::Display) -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the store could not be read: {e}"),
    )
        .into_response()
}

/// The answer to a page or view whose report is still being built: try again in a few
/// seconds (the page does so by itself). `first` if the first page (the ledger and the
/// projects) is ready.
fn preparing(json: bool, first: bool) -> Response {
    let why = if first {
        "The timeline, figures and people are still being read from the store; \
         the ledger and the projects are ready."
    } else {
        "The report is still being read from the store."
    };
    let body = if json {
        serde_json::json!({ "error": why, "retry_after": 5 }).to_string()
    } else {
        format!(
            "{}<h1>Being prepared</h1><p>{why} This page reloads by itself. \
             <a href=\"/\">The ledger</a>.</p></body></html>",
            head("Being prepared").replacen(
                "<head>",
                "<head><meta http-equiv=\"refresh\" content=\"5\">",
                1
            )
        )
    };
    let kind = if json {
        "application/json"
    } else {
        "text/html; charset=utf-8"
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, kind), (header::RETRY_AFTER, "5")],
        body,
    )
        .into_response()
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        html(format!(
            "{}<h1>Not here</h1><p>This page is not in the store. <a href=\"/\">Back to the report</a>.</p></body></html>",
            head("Not found")
        )),
    )
        .into_response()
}

/// Runs store work off the async threads.
async fn blocking<T: Send + 'static>(
    app: Arc<App>,
    f: impl FnOnce(&Arc<App>) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(move || f(&app)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(failed(e)),
        Err(e) => Err(failed(e)),
    }
}

async fn index(State(app): Shared) -> Response {
    match blocking(app.clone(), |a| a.built()).await {
        Ok(Some(b)) => html(b.index.as_str().to_string()),
        Ok(None) => app.not_ready(false),
        Err(r) => r,
    }
}

#[derive(Deserialize)]
struct PageNo {
    #[serde(default)]
    page: usize,
}

/// The timeline, a page of entries at a time.
async fn timeline(State(app): Shared, Query(p): Query<PageNo>) -> Response {
    let title = app.title.clone();
    let b = match blocking(app.clone(), |a| a.whole()).await {
        Ok(Some(b)) => b,
        Ok(None) => return app.not_ready(false),
        Err(r) => return r,
    };
    let d = &b.dossier;
    let pages = d.timeline.len().div_ceil(PAGE).max(1);
    let page = p.page.min(pages - 1);
    let mut h = head(&format!("Timeline · {title}"));
    crate::html::top(&mut h, d, &title, &MENU);
    let range = page * PAGE..((page + 1) * PAGE).min(d.timeline.len());
    crate::html::timeline(&mut h, d, Links::Documents, range);
    let _ = write!(h, "<p>Page {} of {pages}.", page + 1);
    if page > 0 {
        let _ = write!(h, " <a href=\"/timeline?page={}\">Earlier</a>", page - 1);
    }
    if page + 1 < pages {
        let _ = write!(h, " <a href=\"/timeline?page={}\">Later</a>", page + 1);
    }
    h.push_str("</p></body></html>");
    html(h)
}

/// Figures, people or projects.
async fn section(State(app): Shared, uri: axum::http::Uri) -> Response {
    let title = app.title.clone();
    let b = match blocking(app.clone(), |a| a.whole()).await {
        Ok(Some(b)) => b,
        Ok(None) => return app.not_ready(false),
        Err(r) => return r,
    };
    let d = &b.dossier;
    let mut h = head(&title);
    crate::html::top(&mut h, d, &title, &MENU);
    match uri.path() {
        "/figures" => crate::html::figures(&mut h, d, Links::Documents),
        "/people" => crate::html::people(&mut h, d, Links::Documents, 2000),
        _ => crate::html::projects(&mut h, d, Links::Documents),
    }
    h.push_str("</body></html>");
    html(h)
}

/// One project's page: its summary, documents and facilities, chart, ledger, timeline
/// (its first [`PAGE`] entries), figures and people.
async fn project(State(app): Shared, Query(id): Query<Id>) -> Response {
    let title = app.title.clone();
    let page = blocking(app.clone(), move |a| {
        Ok(a.whole()?
            .map(|b| b.project(&id.id).map(|d| project_page(&d, &title))))
    })
    .await;
    match page {
        Ok(Some(Some(h))) => html(h),
        Ok(Some(None)) => not_found().await,
        Ok(None) => app.not_ready(false),
        Err(r) => r,
    }
}

/// The page of the project a dossier is about.
fn project_page(d: &Dossier, title: &str) -> String {
    let p = &d.grouping.projects[0];
    let mut h = head(&format!("{} · {title}", p.name));
    crate::html::top(&mut h, d, &format!("{} {}", p.id, p.name), &MENU);
    let _ = write!(
        h,
        "<p>Facilities: {}. Tied by the names {}.</p><details><summary>{} documents</summary><ul>",
        crate::html::facilities(p),
        esc(&p.names.join(", ")),
        p.documents.len()
    );
    for doc in &p.documents {
        let info = d.docs.get(doc);
        let _ = write!(
            h,
            "<li><a href=\"{}\">{}</a>{}</li>",
            crate::html::doc_href(doc, 0),
            esc(info.and_then(|i| i.title.as_deref()).unwrap_or(doc)),
            info.and_then(|i| i.published.as_deref())
                .map_or(String::new(), |p| format!(" ({})", esc(p)))
        );
    }
    h.push_str("</ul></details>");
    crate::html::chart(&mut h, d);
    crate::html::ledger(&mut h, d, Links::Documents, 5);
    crate::html::timeline(&mut h, d, Links::Documents, 0..d.timeline.len().min(PAGE));
    if d.timeline.len() > PAGE {
        let _ = write!(
            h,
            "<p>The first {PAGE} of {} entries; all of them: <a href=\"/api/timeline?project={}\">JSON</a>.</p>",
            d.timeline.len(),
            esc(&p.id)
        );
    }
    crate::html::figures(&mut h, d, Links::Documents);
    crate::html::people(&mut h, d, Links::Documents, 2000);
    h.push_str("</body></html>");
    h
}

#[derive(Deserialize)]
struct Q {
    #[serde(default)]
    q: String,
    /// Rows of a page of the ledger, or entries of a page of the timeline.
    #[serde(default)]
    limit: Option<usize>,
    /// The first row (entry) of the page.
    #[serde(default)]
    offset: usize,
    /// Sources a row of a page shows at most.
    #[serde(default)]
    sources: Option<usize>,
    /// Only this project's part of a view (its id).
    #[serde(default)]
    project: Option<String>,
}

#[derive(Deserialize)]
struct Id {
    #[serde(default)]
    id: String,
}

/// What `/api/` answers.
enum Answer {
    Json(Bytes),
    NotFound,
    /// The view needs the whole report, not built yet.
    Preparing,
}

async fn api(
    State(app): Shared,
    axum::extract::Path(view): axum::extract::Path<String>,
    Query(q): Query<Q>,
) -> Response {
    let result = blocking(app.clone(), move |a| {
        // (Search and the list of documents are read from the store itself.)
        let store_only = matches!(view.as_str(), "search" | "documents");
        let built = if store_only { None } else { a.built()? };
        if let Some(built) = built {
            // The views but the ledger and the projects need the whole report.
            let whole = || -> Result<Option<Arc<Built>>, StoreError> {
                if built.whole || ["ledger", "projects"].contains(&view.as_str()) {
                    Ok(Some(built.clone()))
                } else {
                    a.whole()
                }
            };
            // One project's part of a view: `?project=p3`.
            if let Some(id) = &q.project
                && VIEWS.contains(&view.as_str())
            {
                let Some(whole) = a.whole()? else {
                    return Ok(Answer::Preparing);
                };
                let Some(d) = whole.project(id) else {
                    return Ok(Answer::NotFound);
                };
                return Ok(Answer::Json(view_json(&d, &view)));
            }
            // A page of the ledger: `?limit=N&offset=M[&sources=K]` (rows in the order first
            // said, at most K sources each; the slippage is in the whole view).
            if view == "ledger"
                && let Some(limit) = q.limit
            {
                let l = &built.dossier.ledger;
                let end = q.offset.saturating_add(limit).min(l.rows.len());
                // At most `sources` sources a row (default 20), with their number.
                let cap = q.sources.unwrap_or(20);
                let rows: Vec<serde_json::Value> = l.rows[q.offset.min(end)..end]
                    .iter()
                    .map(|r| {
                        // Cloned without its sources, then given the first `cap` of them.
                        let row = overdue_timeline::ledger::Row {
                            project: r.project.clone(),
                            facility: r.facility.clone(),
                            facilities: r.facilities.clone(),
                            event: r.event,
                            speaker: r.speaker.clone(),
                            said: r.said.clone(),
                            target: r.target.clone(),
                            deadline: r.deadline.clone(),
                            status: r.status,
                            sources: r.sources.iter().take(cap).cloned().collect(),
                            outcome: r.outcome.clone(),
                        };
                        let mut v = serde_json::to_value(&row).unwrap_or_default();
                        v["sources_total"] = r.sources.len().into();
                        v
                    })
                    .collect();
                let page = serde_json::json!({
                    "as_of": l.as_of,
                    "total": l.rows.len(),
                    "offset": q.offset,
                    "rows": rows,
                });
                return Ok(Answer::Json(Bytes::from(
                    serde_json::to_string(&page).unwrap_or_default(),
                )));
            }
            // A page of the timeline: `?limit=N&offset=M` (entries in the order of the view),
            // without making the JSON of the whole (a gigabyte for 100,000 documents).
            if view == "timeline"
                && let Some(limit) = q.limit
            {
                let Some(b) = whole()? else {
                    return Ok(Answer::Preparing);
                };
                let t = &b.dossier.timeline;
                let end = q.offset.saturating_add(limit).min(t.len());
                let page = TimelinePage {
                    total: Some(t.len()),
                    offset: Some(q.offset),
                    entries: &t[q.offset.min(end)..end],
                };
                return Ok(Answer::Json(Bytes::from(
                    serde_json::to_string(&page).unwrap_or_default(),
                )));
            }
            if VIEWS.contains(&view.as_str()) {
                let Some(b) = whole()? else {
                    return Ok(Answer::Preparing);
                };
                if let Some(json) = b.api(&view) {
                    // Shared, not copied: a large store's ledger is hundreds of megabytes.
                    return Ok(Answer::Json(json));
                }
            }
        } else if !store_only {
            return Ok(Answer::Preparing);
        }
        let store = a.store.lock().unwrap_or_else(|e| e.into_inner());
        Ok(match view.as_str() {
            "search" => Answer::Json(Bytes::from(
                serde_json::to_string(&store.search(&q.q, 100)?).unwrap_or_default(),
            )),
            "documents" => Answer::Json(Bytes::from(
                serde_json::to_string(&store.documents()?).unwrap_or_default(),
            )),
            _ => Answer::NotFound,
        })
    })
    .await;
    match result {
        Ok(Answer::Json(body)) => json(body),
        Ok(Answer::NotFound) => not_found().await,
        Ok(Answer::Preparing) => app.not_ready(true),
        Err(r) => r,
    }
}

async fn search(State(app): Shared, Query(q): Query<Q>) -> Response {
    let query = q.q.clone();
    let hits = match blocking(app, move |a| {
        a.store
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .search(&query, 100)
    })
    .await
    {
        Ok(h) => h,
        Err(r) => return r,
    };
    let mut h = head("Search");
    let _ = write!(
        h,
        "<h1>Search the sentences</h1><nav><a href=\"/\">Report</a> · <a href=\"/documents\">Documents</a></nav><form action=\"/search\"><input name=\"q\" value=\"{}\" size=\"50\" autofocus> <button>Search</button></form>",
        esc(&q.q)
    );
    if !q.q.trim().is_empty() {
        let _ = write!(h, "<p>{} sentences.</p><ol>", hits.len());
        for hit in &hits {
            let _ = write!(
                h,
                "<li><p class=\"ctx\">{}</p><p class=\"ref\"><a href=\"{}\">{}</a>, bytes {}–{}</p></li>",
                esc(&hit.text),
                esc(&doc_href(&hit.doc, hit.start)),
                esc(&hit.doc),
                hit.start,
                hit.end
            );
        }
        h.push_str("</ol>");
    }
    h.push_str("</body></html>");
    html(h)
}

async fn documents(State(app): Shared) -> Response {
    let docs = match blocking(app, |a| {
        a.store
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .documents()
    })
    .await
    {
        Ok(d) => d,
        Err(r) => return r,
    };
    let mut h = head("Documents");
    let _ = write!(
        h,
        "<h1>{} documents</h1><nav><a href=\"/\">Report</a> · <a href=\"/search\">Search</a></nav><table><thead><tr><th>Published</th><th>Document</th><th>Headline</th></tr></thead><tbody>",
        docs.len()
    );
    for d in &docs {
        let _ = write!(
            h,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td></tr>",
            esc(d.published.as_deref().unwrap_or("")),
            esc(&doc_href(&d.doc, 0)),
            esc(&d.doc),
            esc(d.title.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</tbody></table></body></html>");
    html(h)
}

async fn document(State(app): Shared, Query(id): Query<Id>) -> Response {
    let wanted = id.id.clone();
    let doc = match blocking(app, move |a| {
        a.store
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .document(&wanted)
    })
    .await
    {
        Ok(Some(d)) => d,
        Ok(None) => return not_found().await,
        Err(r) => return r,
    };
    let mut h = head(&doc.doc);
    let _ = write!(
        h,
        "<style>.timex{{background:#dbeafe}}.quantity{{background:#dcfce7}}.entity{{background:#fde68a}}.statement{{border-bottom:2px solid #b00020}}.text{{white-space:pre-wrap}}a:target+span{{outline:3px solid #b00020;outline-offset:2px}}</style><h1>{}</h1><nav><a href=\"/\">Report</a> · <a href=\"/documents\">Documents</a> · <a href=\"/search\">Search</a></nav><p class=\"ref\">{}{} · <span class=\"timex\">time</span> <span class=\"quantity\">quantity</span> <span class=\"entity\">entity</span> <span class=\"statement\">statement</span></p><div class=\"text\">",
        esc(doc.title.as_deref().unwrap_or(&doc.doc)),
        esc(&doc.doc),
        doc.published
            .as_deref()
            .map_or(String::new(), |p| format!(", published {}", esc(p)))
    );
    h.push_str(&annotated(&doc.text, &doc.items));
    h.push_str("</div></body></html>");
    html(h)
}

/// The text with every item marked: cut at every item's start and end, each piece in a
/// span with the classes of the items over it, an anchor at each item's start.
fn annotated(text: &str, items: &[overdue_store::ItemRow]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for i in items {
        if i.end <= text.len() && text.is_char_boundary(i.start) && text.is_char_boundary(i.end) {
            cuts.push(i.start);
            cuts.push(i.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut anchored = std::collections::HashSet::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if anchored.insert(a) {
            let _ = write!(out, "<a id=\"o{a}\"></a>");
        }
        let over: Vec<&overdue_store::ItemRow> = items
            .iter()
            .filter(|i| i.start <= a && b <= i.end && i.start < i.end)
            .collect();
        if over.is_empty() {
            out.push_str(&esc(&text[a..b]));
            continue;
        }
        let classes: Vec<&str> = over.iter().map(|i| i.layer).collect();
        let titles: Vec<String> = over
            .iter()
            .map(|i| {
                format!(
                    "{} {}{}",
                    i.layer,
                    i.kind,
                    i.value
                        .as_deref()
                        .map_or(String::new(), |v| format!(" = {v}"))
                )
            })
            .collect();
        let _ = write!(
            out,
            "<span class=\"{}\" title=\"{}\">{}</span>",
            classes.join(" "),
            esc(&titles.join("; ")),
            esc(&text[a..b])
        );
    }
    out
}
