//! Site search: the index `site build` writes per domain (Hebrew with and without
//! prefixes and points, English stems, one domain's pages only, no drafts, the same
//! bytes every time), the `/search/` page and the search box in every page's header.

mod common;

use std::collections::BTreeSet;

use common::{attrs, texts, Fixture};
use serde_json::Value;

/// One domain's index as written, looked up the way `search.js` does.
struct Index<'f> {
    f: &'f Fixture,
    host: &'static str,
    meta: Value,
}

impl<'f> Index<'f> {
    fn of(f: &'f Fixture, host: &'static str) -> Index<'f> {
        let meta = serde_json::from_str(&f.read(&format!("{host}/search/index/meta.json"))).expect("meta.json");
        Index { f, host, meta }
    }

    fn shard(&self, key: &str) -> Option<Value> {
        let chars = self.meta["shard"].as_u64().unwrap() as usize;
        let prefix: String = key.chars().take(chars).collect();
        let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
        let rel = format!("{}/search/index/t/{hex}.json", self.host);
        self.f.exists(&rel).then(|| serde_json::from_str(&self.f.read(&rel)).expect("shard JSON"))
    }

    /// The term a query key names, and its entry `[forms, postings]`.
    fn term(&self, key: &str) -> Option<(String, Value)> {
        let shard = self.shard(key)?;
        let term = shard["f"][key].as_str().unwrap_or(key).to_owned();
        let entry = shard["t"].get(&term)?.clone();
        Some((term, entry))
    }

    /// URLs of the documents a term key names.
    fn urls(&self, key: &str) -> BTreeSet<String> {
        let Some((_, entry)) = self.term(key) else {
            return BTreeSet::new();
        };
        let postings = entry[1].as_array().expect("postings");
        let mut doc = 0;
        let mut out = BTreeSet::new();
        for pair in postings.chunks(2) {
            doc += pair[0].as_u64().unwrap() as usize;
            out.insert(self.url(doc));
        }
        out
    }

    fn url(&self, doc: usize) -> String {
        let chunk = self.meta["chunk"].as_u64().unwrap() as usize;
        let rel = format!("{}/search/index/d/{}.json", self.host, doc / chunk);
        let rows: Value = serde_json::from_str(&self.f.read(&rel)).expect("doc chunk");
        rows[doc % chunk][0].as_str().unwrap().to_owned()
    }

    fn forms(&self, key: &str) -> Vec<String> {
        let (_, entry) = self.term(key).expect("term");
        entry[0].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    }
}

fn set(urls: &[&str]) -> BTreeSet<String> {
    urls.iter().map(|u| (*u).to_owned()).collect()
}

fn hebrew_fixture() -> Fixture {
    let f = Fixture::new("basic");
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    assert!(config.contains("sections: [about]\n"));
    f.write("content/site.yaml", &config.replace("sections: [about]\n", "sections: [about, prices, plain]\n"));
    f.write(
        "content/he/prices.md",
        "---\ntitle: תעריפים\n---\nהמחיר החודשי כולל תמיכה. וכשהמנוי מתחדש, בְּמְחִיר שֶׁנִּקְבַּע מראש.\n",
    );
    f.write("content/he/plain.md", "---\ntitle: עמוד רגיל\n---\nמחיר אחד ויחיד.\n");
    f
}

#[test]
fn hebrew_words_are_found_with_and_without_prefixes_and_points() {
    let f = hebrew_fixture();
    f.build_ok();
    let he = Index::of(&f, "c.example");
    // The bare word finds the page that only has it with ה, ב or a prefix chain.
    assert_eq!(he.urls("מחיר"), set(&["/plain/", "/prices/"]));
    assert_eq!(he.urls("המחיר"), set(&["/prices/"]));
    assert!(he.urls("מנוי").contains("/prices/"), "וכשהמנוי → מנוי");
    assert!(he.urls("שהמנוי").contains("/prices/"), "וכשהמנוי → שהמנוי");
    // Points are gone from the index: בְּמְחִיר is indexed as במחיר.
    assert_eq!(he.urls("במחיר"), set(&["/prices/"]));
    assert_eq!(he.urls("שנקבע"), set(&["/prices/"]));
    // The words that gave a term are listed, so the page can mark them in excerpts.
    let forms = he.forms("מחיר");
    for form in ["מחיר", "המחיר", "במחיר"] {
        assert!(forms.contains(&form.to_owned()), "{form} in {forms:?}");
    }
    // A query is stripped the same way: the library agrees with the index.
    let normal = site::search::text::normalise("הַמְּחִיר");
    assert_eq!(site::search::text::hebrew_stripped(&normal), ["מחיר"]);
}

#[test]
fn english_words_are_found_by_their_stem() {
    let f = Fixture::new("basic");
    f.write("content/docs/plans.md", "---\ntitle: Plans\n---\nPricing is simple.\n");
    f.write("content/docs/costs.md", "---\ntitle: Costs\n---\nThe prices rise each year.\n");
    f.build_ok();
    let en = Index::of(&f, "a.example");
    assert_eq!(en.term("pricing").expect("pricing").0, "price");
    assert_eq!(en.urls("pricing"), set(&["/docs/costs/", "/docs/plans/"]));
    assert_eq!(en.urls("prices"), en.urls("pricing"));
    let forms = en.forms("price");
    assert!(forms.contains(&"pricing".to_owned()) && forms.contains(&"prices".to_owned()), "{forms:?}");
}

#[test]
fn each_domain_indexes_its_own_published_pages_without_drafts() {
    let f = Fixture::new("basic");
    f.write("content/blog/only-b.md", "---\ntitle: Zanzibar\n---\nA zanzibar word.\n");
    f.write("content/blog/hidden.md", "---\ntitle: Hidden\ndraft: true\n---\nQuokka.\n");
    f.build_ok();
    let a = Index::of(&f, "a.example");
    let b = Index::of(&f, "b.example");
    assert_eq!(b.urls("zanzibar"), set(&["/blog/only-b/"]));
    assert!(a.urls("zanzibar").is_empty(), "a page of b is not in a's index");
    assert!(b.urls("quokka").is_empty(), "drafts are not indexed");
    assert!(b.urls("hidden").is_empty(), "not even by its title");
    // Sections and statuses as the filters show them.
    let sections: Vec<&str> = a.meta["sections"].as_array().unwrap().iter().map(|s| s[0].as_str().unwrap()).collect();
    assert!(sections.contains(&"/docs/") && sections.contains(&"/decisions/"), "{sections:?}");
    assert!(!sections.contains(&"/search/"), "the search page is not indexed");
    let statuses = a.meta["statuses"].as_array().unwrap();
    assert!(statuses.iter().any(|s| s[0] == "accepted"), "{statuses:?}");
}

#[test]
fn the_index_is_the_same_bytes_every_build() {
    let f = hebrew_fixture();
    f.build_ok();
    let first = common::snapshot(&f.out().join("c.example/search"));
    std::fs::remove_dir_all(f.out()).unwrap();
    f.build_ok();
    assert_eq!(common::snapshot(&f.out().join("c.example/search")), first);
    assert!(first.keys().any(|k| k.contains("index/t/")), "{:?}", first.keys().collect::<Vec<_>>());
}

#[test]
fn every_page_has_a_search_box_in_its_header() {
    let f = Fixture::new("basic");
    f.build_ok();
    for page in ["a.example/docs/guide/index.html", "b.example/index.html", "c.example/about/index.html"] {
        let doc = f.html(page);
        assert_eq!(attrs(&doc, "header form[role=search]", "action"), ["/search/"], "{page}");
        assert_eq!(attrs(&doc, "header form[role=search]", "method"), ["get"], "{page}");
        assert_eq!(attrs(&doc, "header form[role=search] input", "name"), ["q"], "{page}");
        let id = attrs(&doc, "header form[role=search] input", "id");
        assert_eq!(attrs(&doc, "header form[role=search] label", "for"), id, "{page}: the box has a label");
        assert!(attrs(&doc, "script[src]", "src").iter().any(|s| s.starts_with("/assets/search.")), "{page}");
        assert!(!f.read(page).contains(" onclick="), "no inline handlers");
    }
    let hebrew = f.html("c.example/about/index.html");
    assert_eq!(texts(&hebrew, "header form[role=search] label"), ["חיפוש באתר"]);
}

#[test]
fn the_search_page_on_every_domain() {
    let f = Fixture::new("basic");
    f.build_ok();
    let a = f.html("a.example/search/index.html");
    assert_eq!(texts(&a, "h1"), ["Search"]);
    assert_eq!(attrs(&a, "form.search-form", "action"), ["/search/"]);
    assert_eq!(attrs(&a, "form.search-form", "data-index"), ["/search/index/"]);
    assert_eq!(attrs(&a, "label[for=search-q]", "for"), ["search-q"]);
    assert!(attrs(&a, "script[src]", "src").iter().any(|s| s.starts_with("/assets/search-page.")));
    // Without JavaScript: what search needs, and the sections to browse instead.
    let nojs = texts(&a, "#search-nojs p");
    assert!(nojs[0].contains("JavaScript"), "{nojs:?}");
    assert!(attrs(&a, "#search-nojs a", "href").contains(&"/docs/".to_owned()));
    // Filters: by section everywhere; by status where there are decision records.
    assert!(attrs(&a, "#search-section option", "value").contains(&"/docs/".to_owned()));
    assert!(attrs(&a, "#search-status option", "value").contains(&"accepted".to_owned()));
    let b = f.html("b.example/search/index.html");
    assert!(attrs(&b, "#search-status option", "value").is_empty(), "b has no records");
    // Hebrew: the page is right to left, its strings in Hebrew.
    let c = f.html("c.example/search/index.html");
    assert_eq!(attrs(&c, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&c, "html", "lang"), ["he"]);
    assert_eq!(texts(&c, "h1"), ["חיפוש"]);
    assert_eq!(attrs(&c, "form.search-form", "data-t-none"), ["אין תוצאות עבור „{q}”."]);
    assert!(f.exists("c.example/search/index/meta.json"));
}

/// The dev server's index, kept between rebuilds, after each kind of edit: the files it
/// gives (new ones with bytes, the rest as unchanged since the last update) are those a
/// full index of the same pages has, and an edit gives only the files it changed.
#[test]
fn the_kept_index_after_edits_is_the_full_index() {
    let f = hebrew_fixture();
    let mut cache = site::BuildCache::in_memory();
    let mut kept = site::search::Kept::default();
    let mut served: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    let mut update = |f: &Fixture, forget: bool| -> (usize, usize) {
        if forget {
            kept.unsent();
        }
        let prepared = site::pipeline::prepare(&f.options(), &mut cache).expect("build");
        let update = kept.update(&prepared.site);
        let written = update.written.len();
        let mut next: std::collections::BTreeMap<String, Vec<u8>> = update
            .unchanged
            .into_iter()
            .map(|p| {
                let bytes = served.get(&p).unwrap_or_else(|| panic!("{p} unchanged but never given")).clone();
                (p, bytes)
            })
            .collect();
        next.extend(update.written);
        let full: std::collections::BTreeMap<String, Vec<u8>> =
            site::search::files(&prepared.site).into_iter().collect();
        assert_eq!(next.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(
                next[path] == *bytes,
                "{path}: kept {} ≠ full {}",
                String::from_utf8_lossy(&next[path]),
                String::from_utf8_lossy(bytes)
            );
        }
        served = next;
        (written, full.len())
    };
    let (all, files) = update(&f, false);
    assert!(all > 10 && all == files, "{all} of {files} files");
    assert_eq!(update(&f, false).0, 0, "nothing changed, nothing given");
    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).unwrap();
    f.write("content/docs/guide.md", &guide.replace("Notes stand out.", "Notes stand out, zebrafish."));
    let (body, _) = update(&f, false);
    assert!(body > 0 && body < all / 2, "a body edit gave {body} of {all} files");
    f.write("content/docs/guide.md", &guide.replace("title: Guide", "title: Guide to quokkas"));
    update(&f, false);
    f.write("content/docs/guide.md", &guide.replace("How to install and use it.", "How to install a wombat."));
    update(&f, false);
    f.write("content/docs/new.md", "---\ntitle: Newcomer\n---\nA brand new page about zanzibar.\n");
    update(&f, false);
    f.write("content/docs/new.md", "---\ntitle: Newcomer\ndraft: true\n---\nA brand new page about zanzibar.\n");
    update(&f, false);
    f.write("content/docs/new.md", "---\ntitle: Newcomer\n---\nA brand new page about zanzibar.\n");
    update(&f, false);
    std::fs::remove_file(f.root().join("content/docs/new.md")).unwrap();
    update(&f, false);
    f.write("content/he/plain.md", "---\ntitle: עמוד רגיל\n---\nמחיר אחד ויחיד, וּבַמְּחִיר.\n");
    update(&f, false);
    let (again, files) = update(&f, true);
    assert_eq!(again, files, "after unsent, every file is given again");
}
