use super::*;

fn h(s: &str) -> blake3::Hash {
    blake3::hash(s.as_bytes())
}

fn node(rel: &str) -> Node {
    Node {
        front: h(&format!("front of {rel}")),
        body: h(&format!("body of {rel}")),
        urls: vec![(DomainId::new(0), format!("/{}/", rel.trim_end_matches(".md")))],
        aliases: Vec::new(),
        links: BTreeSet::new(),
        decision: None,
        translation_of: None,
        named_by: BTreeSet::new(),
        docs: false,
        row: Arc::new([]),
    }
}

/// A small site with every kind of relation.
fn site() -> Graph {
    let mut g = BTreeMap::new();
    for rel in [
        "_index.md",
        "about.md",
        "blog/post.md",
        "docs/_index.md",
        "docs/advanced.md",
        "docs/deep/_index.md",
        "docs/deep/page.md",
        "docs/guide.md",
        "decisions/_index.md",
        "decisions/0001-a.md",
        "decisions/0002-b.md",
        "decisions/0003-c.md",
        "he/about.md",
    ] {
        g.insert(rel.into(), Arc::new(node(rel)));
    }
    let set = |g: &mut BTreeMap<ContentPath, Arc<Node>>, rel: &str, f: &dyn Fn(&mut Node)| {
        f(Arc::make_mut(g.get_mut(rel).unwrap()))
    };
    set(&mut g, "docs/guide.md", &|n| n.links = ["docs/advanced.md".into()].into());
    set(&mut g, "docs/deep/page.md", &|n| n.links = ["docs/guide.md".into(), "about.md".into()].into());
    set(&mut g, "about.md", &|n| n.links = ["decisions/0003-c.md".into()].into());
    for (rel, id) in
        [("decisions/0001-a.md", "BDR-0001"), ("decisions/0002-b.md", "BDR-0002"), ("decisions/0003-c.md", "BDR-0003")]
    {
        set(&mut g, rel, &|n| n.decision = Some(id.to_owned()));
    }
    set(&mut g, "he/about.md", &|n| n.translation_of = Some("about.md".into()));
    Graph(g)
}

fn edit(g: &Graph, rel: &str, f: impl Fn(&mut Node)) -> Graph {
    let mut g = g.clone();
    f(Arc::make_mut(g.0.get_mut(rel).unwrap()));
    g
}

fn pages(list: &[&str]) -> Selection {
    Selection::Pages(list.iter().map(|s| ContentPath::from(*s)).collect())
}

fn body_edit(n: &mut Node) {
    n.body = h("new body");
}

fn front_edit(n: &mut Node) {
    n.front = h("new front");
}

#[test]
fn first_build_and_no_change() {
    let g = site();
    assert_eq!(select(None, &g), Selection::All);
    assert_eq!(select(Some(&g), &g), pages(&[]));
}

#[test]
fn body_edits_render_the_page_its_lister_and_its_linkers() {
    let g = site();
    let cases: [(&str, &[&str]); 6] = [
        ("docs/advanced.md", &["docs/advanced.md", "docs/_index.md", "docs/guide.md"]),
        ("docs/guide.md", &["docs/guide.md", "docs/_index.md", "docs/deep/page.md"]),
        ("docs/deep/_index.md", &["docs/deep/_index.md", "docs/_index.md"]),
        ("blog/post.md", &["blog/post.md"]),
        // about.md refers to a record, whose "referenced by" list shows it.
        ("about.md", &["about.md", "_index.md", "docs/deep/page.md", "decisions/0003-c.md"]),
        ("_index.md", &["_index.md"]),
    ];
    for (rel, expected) in cases {
        assert_eq!(select(Some(&g), &edit(&g, rel, body_edit)), pages(expected), "{rel}");
    }
}

#[test]
fn front_matter_edits_reach_breadcrumbs_records_and_translations() {
    let g = site();
    let cases: [(&str, &[&str]); 5] = [
        // A section's title is in the breadcrumbs of every page below it.
        (
            "docs/_index.md",
            &[
                "docs/_index.md",
                "_index.md",
                "docs/advanced.md",
                "docs/deep/_index.md",
                "docs/deep/page.md",
                "docs/guide.md",
            ],
        ),
        // Records show each other's titles and status.
        (
            "decisions/0001-a.md",
            &["decisions/0001-a.md", "decisions/_index.md", "decisions/0002-b.md", "decisions/0003-c.md"],
        ),
        (
            "decisions/0003-c.md",
            &["decisions/0003-c.md", "decisions/_index.md", "about.md", "decisions/0001-a.md", "decisions/0002-b.md"],
        ),
        // A page and its translation point at each other.
        ("about.md", &["about.md", "_index.md", "docs/deep/page.md", "he/about.md", "decisions/0003-c.md"]),
        ("he/about.md", &["he/about.md", "he/_index.md", "about.md"]),
    ];
    for (rel, expected) in cases {
        let mut expected: Vec<&str> = expected.to_vec();
        expected.retain(|r| g.0.contains_key(*r));
        assert_eq!(select(Some(&g), &edit(&g, rel, front_edit)), pages(&expected), "{rel}");
    }
}

#[test]
fn any_edit_of_a_record_re_renders_every_record() {
    let g = site();
    let records = ["decisions/0001-a.md", "decisions/0002-b.md", "decisions/0003-c.md", "decisions/_index.md"];
    assert_eq!(select(Some(&g), &edit(&g, "decisions/0002-b.md", body_edit)), pages(&records));
}

#[test]
fn a_translation_re_renders_its_siblings() {
    let mut g = site();
    g.0.insert("fr/about.md".into(), Arc::new(Node { translation_of: Some("about.md".into()), ..node("fr/about.md") }));
    let Selection::Pages(set) = select(Some(&g), &edit(&g, "he/about.md", front_edit)) else { panic!() };
    assert!(set.contains("fr/about.md") && set.contains("about.md"), "{set:?}");
}

#[test]
fn moves_additions_and_removals_render_everything() {
    let g = site();
    let moved = edit(&g, "docs/guide.md", |n| n.urls = vec![(DomainId::new(0), "/guide/".into())]);
    assert_eq!(select(Some(&g), &moved), Selection::All);
    let unpublished = edit(&g, "docs/guide.md", |n| n.urls.clear());
    assert_eq!(select(Some(&g), &unpublished), Selection::All);
    let aliased = edit(&g, "about.md", |n| n.aliases = vec!["/old-about/".into()]);
    assert_eq!(select(Some(&g), &aliased), Selection::All);
    let mut added = g.clone();
    added.0.insert("docs/new.md".into(), Arc::new(node("docs/new.md")));
    assert_eq!(select(Some(&g), &added), Selection::All);
    let mut removed = g.clone();
    removed.0.remove("blog/post.md");
    assert_eq!(select(Some(&g), &removed), Selection::All);
    let mut renamed = removed.clone();
    renamed.0.insert("blog/post-renamed.md".into(), Arc::new(node("blog/post.md")));
    assert_eq!(select(Some(&g), &renamed), Selection::All);
}

/// For every page and every kind of edit: the page itself is rendered, nothing outside
/// the site is named, a front-matter edit renders at least what a body edit does, and
/// every page that links to it or lists it is included.
#[test]
fn invariants_hold_for_every_page_and_edit() {
    let g = site();
    for rel in g.0.keys() {
        let body = select(Some(&g), &edit(&g, rel.as_str(), body_edit));
        let front = select(Some(&g), &edit(&g, rel.as_str(), front_edit));
        let both = select(
            Some(&g),
            &edit(&g, rel.as_str(), |n| {
                body_edit(n);
                front_edit(n);
            }),
        );
        let (Selection::Pages(body), Selection::Pages(front), Selection::Pages(both)) = (body, front, both) else {
            panic!("an edit in place never needs everything");
        };
        assert!(body.contains(rel) && front.contains(rel), "{rel}");
        assert!(body.iter().chain(&front).all(|r| g.0.contains_key(r)), "{rel}");
        assert!(body.is_subset(&front), "{rel}: {body:?} ⊄ {front:?}");
        assert_eq!(front, both, "{rel}");
        for (other, n) in &g.0 {
            if n.links.contains(rel) {
                assert!(body.contains(other), "{other} links to {rel}");
            }
        }
        if let Some(l) = rel.lister().filter(|l| g.0.contains_key(l)) {
            assert!(body.contains(&l), "{l} lists {rel}");
        }
    }
}

#[test]
fn a_record_named_by_new_data_pages_is_rendered_again() {
    let g = site();
    let mut changed = g.clone();
    if let Some(record) = changed.0.get_mut("decisions/0001-a.md") {
        Arc::make_mut(record).named_by.insert("0 /products/widget/ Widget".into());
    }
    assert_eq!(select(Some(&g), &changed), Selection::Pages(["decisions/0001-a.md".into()].into()));
}

#[test]
fn a_docs_title_reaches_the_sidebars_and_pagers_of_its_branch() {
    let mut g = site();
    for n in g.0.iter_mut().filter(|(r, _)| r.as_str().starts_with("docs/")).map(|(_, n)| n) {
        Arc::make_mut(n).docs = true;
    }
    let Selection::Pages(got) = select(Some(&g), &edit(&g, "docs/deep/page.md", front_edit)) else {
        panic!("a title edit renders some pages, not all");
    };
    // Its sidebar entry is on every page of its branch, and the pager reaches one section up.
    for rel in ["docs/_index.md", "docs/advanced.md", "docs/deep/_index.md", "docs/deep/page.md", "docs/guide.md"] {
        assert!(got.contains(rel), "{rel} shows the edited title: {got:?}");
    }
    assert!(!got.contains("blog/post.md"));
    // Outside documentation trees nothing changes.
    let Selection::Pages(plain) = select(Some(&site()), &edit(&site(), "docs/deep/page.md", front_edit)) else {
        panic!("a title edit renders some pages, not all");
    };
    assert!(!plain.contains("docs/advanced.md"));
}
