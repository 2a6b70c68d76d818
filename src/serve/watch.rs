//! Watch, the pure half: which kind of file a changed path is, and what a batch of
//! changes asks the server to do. No I/O here; [`super::watcher`] feeds it paths.

use std::path::Path;

use crate::load::is_ignored;

/// What a changed path is, judged from its path relative to the site root alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// Not part of the site: editor temp files, hidden files, anything outside
    /// `content/` and `themes/`.
    Ignored,
    /// A Markdown page (`content/**/*.md`).
    Page,
    /// Pricing or product data (`content/pricing/**`, `content/products/**`).
    Data,
    /// Any other file under `content/` (an image), or a folder created, removed or renamed.
    ContentFile,
    /// `content/site.yaml`: domains, navigation, sections.
    Config,
    /// UI strings (`content/i18n/**`).
    Strings,
    /// A theme template (`themes/<name>/templates/**`).
    Template,
    /// A theme stylesheet (`themes/<name>/static/**/*.css`).
    Stylesheet,
    /// Any other theme file (a font, the favicon), or a theme folder itself.
    ThemeFile,
}

/// How much of the site a rebuild must render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the pages whose source changed and the pages that list or link to them
    /// (decided after loading, by [`super::affected`]); data-made pages always.
    Changed,
    /// Every page: templates, strings, configuration or asset names changed.
    Everything,
}

/// What the browser does after a successful rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// Reload the page.
    Reload,
    /// Swap the stylesheets in place, keeping the scroll position.
    Stylesheets,
}

/// What a batch of changes asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Nothing that matters changed.
    Skip,
    /// Rebuild this much, then refresh the browser this way.
    Rebuild(Scope, Refresh),
}

/// Classifies `rel`, a path relative to the site root with `/` or `\` separators.
pub fn classify(rel: &Path) -> Change {
    let parts = parts(rel);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored(p) || *p == "..") {
        return Change::Ignored;
    }
    match parts.as_slice() {
        ["content", "site.yaml"] => Change::Config,
        ["content", "i18n", ..] => Change::Strings,
        ["content", "pricing" | "products", ..] => Change::Data,
        ["content", .., name] if name.ends_with(".md") => Change::Page,
        ["content", _, ..] => Change::ContentFile,
        ["themes", _, "templates", ..] => Change::Template,
        ["themes", _, "static", .., name] if name.ends_with(".css") => Change::Stylesheet,
        ["themes", _, ..] => Change::ThemeFile,
        _ => Change::Ignored,
    }
}

/// True when removing `rel` (relative to the site root) may fix a failed build: any
/// path under `content/` or `themes/`, editor debris included. A lock file that is a
/// dangling link, say, breaks loading though its edits are ignored; once it is gone, the
/// error it caused must go too, without waiting for the next edit.
pub fn may_fix(rel: &Path) -> bool {
    let parts = parts(rel);
    parts.len() > 1 && (parts[0] == "content" || parts[0] == "themes") && !parts.iter().any(|p| p == "..")
}

/// The names in `rel`, split at `/` and `\\`.
fn parts(rel: &Path) -> Vec<String> {
    let names = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    names.flat_map(|n| n.split('\\').filter(|p| !p.is_empty()).map(str::to_owned).collect::<Vec<_>>()).collect()
}

/// What to do about a batch of changes seen together.
pub fn plan(changes: &[Change]) -> Plan {
    let relevant: Vec<Change> = changes.iter().copied().filter(|c| *c != Change::Ignored).collect();
    if relevant.is_empty() {
        return Plan::Skip;
    }
    if relevant.iter().all(|c| *c == Change::Stylesheet) {
        // Hashed asset names change, so every page is re-rendered, but the open
        // page only needs its stylesheet swapped.
        return Plan::Rebuild(Scope::Everything, Refresh::Stylesheets);
    }
    // Data shows on Markdown pages too (a home page's "from $490 / month" teaser), which
    // the dependency graph does not know: a price edit renders everything.
    let everything = relevant.iter().any(|c| {
        matches!(
            c,
            Change::Data | Change::Config | Change::Strings | Change::Template | Change::Stylesheet | Change::ThemeFile
        )
    });
    let scope = if everything { Scope::Everything } else { Scope::Changed };
    Plan::Rebuild(scope, Refresh::Reload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Change::*;

    fn c(path: &str) -> Change {
        classify(Path::new(path))
    }

    #[test]
    fn classifies_content() {
        assert_eq!(c("content/site.yaml"), Config);
        assert_eq!(c("content/i18n/en.yaml"), Strings);
        assert_eq!(c("content/i18n"), Strings);
        assert_eq!(c("content/pricing/factory.yaml"), Data);
        assert_eq!(c("content/products/factory.yaml"), Data);
        assert_eq!(c("content/pricing"), Data);
        assert_eq!(c("content/vision.md"), Page);
        assert_eq!(c("content/docs/_index.md"), Page);
        assert_eq!(c("content/he/docs/deep/page.md"), Page);
        assert_eq!(c("content/docs/diagram.svg"), ContentFile);
        assert_eq!(c("content/docs"), ContentFile);
        assert_eq!(c("content/new-folder/sub"), ContentFile);
        assert_eq!(c("content/notes.yaml"), ContentFile);
    }

    #[test]
    fn classifies_themes() {
        assert_eq!(c("themes/default/templates/base.html"), Template);
        assert_eq!(c("themes/default/templates/partials/nav.html"), Template);
        assert_eq!(c("themes/default/templates"), Template);
        assert_eq!(c("themes/default/static/style.css"), Stylesheet);
        assert_eq!(c("themes/default/static/css/pricing.css"), Stylesheet);
        assert_eq!(c("themes/default/static/favicon.svg"), ThemeFile);
        assert_eq!(c("themes/default/static/fonts/x.woff2"), ThemeFile);
        assert_eq!(c("themes/default/static"), ThemeFile);
        assert_eq!(c("themes/default"), ThemeFile);
        assert_eq!(c("themes/default/README.md"), ThemeFile);
    }

    #[test]
    fn editor_temp_files_and_outsiders_are_ignored() {
        for path in [
            "content/docs/.guide.md.swp",
            "content/docs/guide.md.swp",
            "content/docs/guide.md.swx",
            "content/docs/guide.md~",
            "content/docs/4913",
            "content/docs/.#guide.md",
            "content/docs/#guide.md#",
            "content/docs/guide.md.tmp",
            "content/.git/index",
            "content/.hidden/page.md",
            "themes/default/static/.style.css.swp",
            "themes/default/templates/base.html~",
            "public/connectsoft.ai/index.html",
            "target/debug/site",
            "README.md",
            "content",
            "themes",
            "",
            "../content/vision.md",
            "content/../../etc/passwd",
        ] {
            assert_eq!(c(path), Ignored, "{path}");
        }
    }

    #[test]
    fn removing_anything_in_the_site_may_fix_a_failed_build() {
        for path in
            ["content/.#about.md", "content/docs/4913", "content/docs/x.png", "themes/default/.x.swp", "content\\a~"]
        {
            assert!(may_fix(Path::new(path)), "{path}");
        }
        for path in ["content", "themes", "public/a/index.html", "README.md", "", "content/../x", ".#site.yaml"] {
            assert!(!may_fix(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn windows_separators_classify_the_same() {
        assert_eq!(c("content\\docs\\guide.md"), Page);
        assert_eq!(c("themes\\default\\static\\style.css"), Stylesheet);
        assert_eq!(c("content\\docs\\guide.md~"), Ignored);
    }

    const ALL: [Change; 9] = [Ignored, Page, Data, ContentFile, Config, Strings, Template, Stylesheet, ThemeFile];

    /// The expected plan for a set of kinds, stated independently of `plan`'s code.
    fn expected(set: &[Change]) -> Plan {
        let relevant: Vec<_> = set.iter().filter(|c| **c != Ignored).collect();
        if relevant.is_empty() {
            Plan::Skip
        } else if relevant.iter().all(|c| **c == Stylesheet) {
            Plan::Rebuild(Scope::Everything, Refresh::Stylesheets)
        } else if relevant.iter().all(|c| matches!(c, Page | ContentFile)) {
            Plan::Rebuild(Scope::Changed, Refresh::Reload)
        } else {
            Plan::Rebuild(Scope::Everything, Refresh::Reload)
        }
    }

    #[test]
    fn every_combination_of_kinds_plans_as_stated() {
        for mask in 0u32..(1 << ALL.len()) {
            let set: Vec<Change> = (0..ALL.len()).filter(|i| mask & (1 << i) != 0).map(|i| ALL[i]).collect();
            assert_eq!(plan(&set), expected(&set), "{set:?}");
            // Order and repetition do not matter.
            let mut twice: Vec<Change> = set.iter().rev().chain(set.iter()).copied().collect();
            assert_eq!(plan(&twice), plan(&set), "{set:?}");
            twice.reverse();
            assert_eq!(plan(&twice), plan(&set), "{set:?}");
        }
    }

    #[test]
    fn typical_batches() {
        assert_eq!(plan(&[]), Plan::Skip);
        // vim's atomic save: probe file, backup, the file itself.
        let vim = [c("content/docs/4913"), c("content/docs/guide.md~"), c("content/docs/guide.md")];
        assert_eq!(plan(&vim), Plan::Rebuild(Scope::Changed, Refresh::Reload));
        assert_eq!(plan(&[c("content/docs/.guide.md.swp")]), Plan::Skip);
        assert_eq!(plan(&[c("content/pricing/factory.yaml")]), Plan::Rebuild(Scope::Everything, Refresh::Reload));
        assert_eq!(plan(&[c("content/site.yaml")]), Plan::Rebuild(Scope::Everything, Refresh::Reload));
        assert_eq!(
            plan(&[c("themes/default/static/style.css")]),
            Plan::Rebuild(Scope::Everything, Refresh::Stylesheets)
        );
        assert_eq!(
            plan(&[c("themes/default/static/style.css"), c("content/vision.md")]),
            Plan::Rebuild(Scope::Everything, Refresh::Reload)
        );
    }
}
