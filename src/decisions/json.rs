//! `/decisions.json`: the published records of one domain as data, for other tools and
//! dashboards — ids, titles, status and its history, dates, people, supersession both
//! ways, the other records each one links to, tags and absolute URLs. The README
//! documents the shape ("`/decisions.json`"); fields are added, never renamed.

use serde::Serialize;

use super::model::Record;
use super::views::View;

/// The version of the shape below; raised only if a field changes meaning.
const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct DecisionsJson<'a> {
    version: u32,
    domain: &'a str,
    language: &'a str,
    /// Absolute URL of the log page.
    log: String,
    records: Vec<RecordJson>,
}

#[derive(Debug, Serialize)]
struct RecordJson {
    id: String,
    number: Option<u32>,
    title: String,
    description: Option<String>,
    status: &'static str,
    date: Option<String>,
    updated: Option<String>,
    history: Vec<EventJson>,
    deciders: Vec<String>,
    consulted: Vec<String>,
    informed: Vec<String>,
    supersedes: Vec<String>,
    superseded_by: Vec<String>,
    relations: Vec<RelationJson>,
    tags: Vec<String>,
    url: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct EventJson {
    date: Option<String>,
    status: &'static str,
    by: Option<String>,
}

/// Another record this one names, and how.
#[derive(Debug, Serialize)]
struct RelationJson {
    /// `links-to`: the record's text links to the other one.
    kind: &'static str,
    id: String,
}

/// The body of `/decisions.json` for the view's domain: pretty-printed,
/// newline-terminated, records in id order.
pub fn decisions_json(view: &View<'_>) -> Vec<u8> {
    let domain = view.site.config.domain_at(view.domain);
    let mut records = view.published();
    records.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    let body = DecisionsJson {
        version: VERSION,
        domain: &domain.host,
        language: &domain.language,
        log: domain.absolute(&view.base()),
        records: records.iter().map(|r| record(view, &records, r)).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&body).unwrap_or_default();
    out.push(b'\n');
    out
}

fn record(view: &View<'_>, published: &[&Record], r: &Record) -> RecordJson {
    let site = view.site;
    let page = &site.pages[r.page];
    let front = &page.front;
    let domain = site.config.domain_at(view.domain);
    let history = view.index.log.history(&site.pages, r).into_iter();
    RecordJson {
        id: r.id.clone(),
        number: r.number,
        title: front.title.clone(),
        description: front.description.clone(),
        status: r.status.as_str(),
        date: front.date.clone(),
        updated: front.updated.clone(),
        history: history.map(|e| EventJson { date: e.date, status: e.status.as_str(), by: e.by }).collect(),
        deciders: front.deciders.clone(),
        consulted: front.consulted.clone(),
        informed: front.informed.clone(),
        supersedes: r.supersedes.clone(),
        superseded_by: r.superseded_by.clone(),
        relations: links_to(view, published, r),
        tags: front.tags.clone(),
        url: domain.absolute(&site.url_of(r.page, view.domain).unwrap_or_default()),
        source: page.source.to_string_lossy().replace('\\', "/"),
    }
}

/// The published records `r`'s text links to, other than through supersession.
fn links_to(view: &View<'_>, published: &[&Record], r: &Record) -> Vec<RelationJson> {
    let joined = |id: &String| r.supersedes.contains(id) || r.superseded_by.contains(id);
    published
        .iter()
        .filter(|other| other.page != r.page && !joined(&other.id))
        .filter(|other| view.index.incoming.get(&other.page).is_some_and(|from| from.contains(&r.page)))
        .map(|other| RelationJson { kind: "links-to", id: other.id.clone() })
        .collect()
}
