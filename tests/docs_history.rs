//! "Last updated" from git: the day of the last commit that changed each documentation
//! page, read in one walk, cached by the commit checked out; no repository, a shallow
//! clone or a broken repository means no date, never a failed build.

mod common;

use std::path::Path;
use std::process::Command;

use common::Fixture;
use scraper::{Html, Selector};

/// Whether `git` can run; without it the test is skipped with a reason, except under
/// CI, where it must be there.
fn have_git() -> bool {
    let ok = Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "git is required under CI=true");
        eprintln!("skipped: `git` is not installed, so no repository can be made for this test");
    }
    ok
}

/// Runs git in `dir` with a fixed identity and dates, ignoring the user's configuration.
fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(["-c", "user.name=Fixture", "-c", "user.email=fixture@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The fixture as a repository: everything committed on 1 March 2024, then the
/// install page changed on 15 June 2025 (late evening east of UTC, still the 15th in
/// UTC), then a file outside `content/` on 1 January 2026.
fn repository() -> Fixture {
    let f = Fixture::new("docsnav");
    let root = f.root();
    git(root, &["init", "-q", "-b", "main"], "2024-03-01T12:00:00Z");
    git(root, &["add", "-A"], "2024-03-01T12:00:00Z");
    git(root, &["commit", "-q", "-m", "first"], "2024-03-01T12:00:00Z");
    f.write("content/docs/install.md", "---\ntitle: Installing\nweight: 1\n---\n\nNow with a package.\n");
    git(root, &["commit", "-q", "-am", "install"], "2025-06-16T02:00:00+05:00");
    f.write("README.txt", "not content\n");
    git(root, &["add", "README.txt"], "2026-01-01T00:00:00Z");
    git(root, &["commit", "-q", "-m", "readme"], "2026-01-01T00:00:00Z");
    f
}

fn updated(html: &Html) -> Option<String> {
    let sel = Selector::parse(".page-dates time").expect("selector");
    html.select(&sel).next_back().and_then(|t| t.value().attr("datetime")).map(str::to_owned)
}

fn page(f: &Fixture, url: &str) -> Html {
    f.html(&format!("en.example{url}index.html"))
}

#[test]
fn the_last_commit_that_changed_a_page_dates_it() {
    if !have_git() {
        return;
    }
    let f = repository();
    f.build_ok();
    assert_eq!(updated(&page(&f, "/docs/install/")).as_deref(), Some("2025-06-15"));
    assert_eq!(updated(&page(&f, "/docs/faq/")).as_deref(), Some("2024-03-01"));
    assert_eq!(updated(&page(&f, "/docs/guides/colours/")).as_deref(), Some("2024-03-01"));
    let label = Selector::parse(".page-dates dt").expect("selector");
    let install = page(&f, "/docs/install/");
    assert_eq!(install.select(&label).map(|d| d.text().collect::<String>()).collect::<Vec<_>>(), ["Updated"]);
    // `updated:` in front matter wins over git.
    assert_eq!(updated(&page(&f, "/docs/configure/")).as_deref(), Some("2025-11-20"));
    // Pages outside documentation sections are not dated from git.
    assert_eq!(updated(&page(&f, "/notes/one/")), None);
}

#[test]
fn a_shallow_clone_dates_only_what_its_history_shows() {
    if !have_git() {
        return;
    }
    let origin = repository();
    for (depth, install, faq) in [("1", None, None), ("2", None, None), ("3", Some("2025-06-15"), Some("2024-03-01"))] {
        let clone = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", origin.root().display());
        git(clone.path(), &["clone", "-q", "--depth", depth, &url, "site"], "2026-01-02T00:00:00Z");
        let f = Fixture { dir: clone };
        let options = site::BuildOptions::new(f.root().join("site"));
        site::build(&options).expect("build");
        let read = |url: &str| {
            Html::parse_document(
                &std::fs::read_to_string(f.root().join(format!("site/public/en.example{url}index.html")))
                    .expect("read"),
            )
        };
        assert_eq!(updated(&read("/docs/install/")).as_deref(), install, "depth {depth}");
        assert_eq!(updated(&read("/docs/faq/")).as_deref(), faq, "depth {depth}");
    }
}

#[test]
fn no_repository_or_a_broken_one_means_no_date() {
    if !have_git() {
        return;
    }
    let broken = Fixture::new("docsnav");
    std::fs::create_dir_all(broken.root().join(".git/objects")).unwrap();
    broken.write(".git/HEAD", "ref: refs/heads/nowhere\n");
    broken.write(".git/config", "[core]\n\trepositoryformatversion = 0\n");
    broken.build_ok();
    assert_eq!(updated(&page(&broken, "/docs/install/")), None);
    // A repository whose objects are gone.
    let f = repository();
    std::fs::remove_dir_all(f.root().join(".git/objects")).unwrap();
    std::fs::create_dir_all(f.root().join(".git/objects")).unwrap();
    f.build_ok();
    assert_eq!(updated(&page(&f, "/docs/install/")), None);
    // A `.git` file pointing nowhere.
    let dangling = Fixture::new("docsnav");
    dangling.write(".git", "gitdir: /nonexistent/repo\n");
    dangling.build_ok();
    assert_eq!(updated(&page(&dangling, "/docs/install/")), None);
}

#[test]
fn the_walk_stops_at_its_commit_cap() {
    if !have_git() {
        return;
    }
    let f = repository();
    let repo = site::history::Repo::open(f.root()).expect("a repository");
    let two = repo.last_changed_within(2);
    assert_eq!(two.get("docs/install.md").map(String::as_str), Some("2025-06-15"));
    assert_eq!(two.get("docs/faq.md"), None, "the first commit is past the cap");
    let all = repo.last_changed();
    assert_eq!(all.get("docs/faq.md").map(String::as_str), Some("2024-03-01"));
    assert_eq!(all.get("site.yaml").map(String::as_str), Some("2024-03-01"));
    assert!(all.keys().all(|k| !k.starts_with("content/")), "paths are relative to content/");
}

#[test]
fn the_walk_is_cached_by_the_commit_checked_out() {
    if !have_git() {
        return;
    }
    let f = repository();
    let mut cache = site::BuildCache::in_memory();
    let first = cache.last_changed(f.root());
    // An edit that is not committed does not walk again.
    f.write("content/docs/faq.md", "---\ntitle: Answers\nweight: 3\n---\n\nEdited.\n");
    assert!(std::sync::Arc::ptr_eq(&first, &cache.last_changed(f.root())));
    git(f.root(), &["commit", "-q", "-am", "faq"], "2026-02-02T10:00:00Z");
    let second = cache.last_changed(f.root());
    assert_eq!(second.get("docs/faq.md").map(String::as_str), Some("2026-02-02"));

    // On disk: a second process reads the walk the first one stored.
    let dir = tempfile::tempdir().expect("temp dir");
    let stored = site::BuildCache::on_disk(dir.path()).last_changed(f.root());
    assert_eq!(stored.get("docs/faq.md").map(String::as_str), Some("2026-02-02"));
    let files: Vec<_> = std::fs::read_dir(dir.path().join("git-1")).unwrap().flatten().map(|e| e.path()).collect();
    let entry = files.iter().find(|p| p.extension().is_some_and(|e| e == "json")).expect("a cached walk");
    let tampered = std::fs::read_to_string(entry).unwrap().replace("2026-02-02", "1999-09-09");
    std::fs::write(entry, tampered).unwrap();
    let again = site::BuildCache::on_disk(dir.path()).last_changed(f.root());
    assert_eq!(again.get("docs/faq.md").map(String::as_str), Some("1999-09-09"), "read from the disk cache");
}
