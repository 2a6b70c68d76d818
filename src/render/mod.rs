//! Stage 4, render: Tera templates (compiled once per theme) turn each assembled
//! page into HTML; each domain also gets its 404 page, sitemap, robots.txt,
//! alias redirects and hashed theme assets.

pub mod assets;
pub mod context;
pub mod docs;
pub mod extras;
pub mod output;
pub mod templates;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::assemble::generated::GeneratedPage;
use crate::assemble::template::{Kind, Template};
use crate::assemble::{links, translations, DomainSite, Site};
use crate::config::Config;
use crate::dates;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::PageId;
use crate::load::I18n;
use context::{DomainCtx, LinkCtx, NavCtx, PageCtx, SiteCtx, SiteLinkCtx};

pub use output::{OutFile, Sink};

/// A compiled theme: templates plus assets.
pub struct Theme {
    tera: Tera,
    assets: assets::Assets,
    shown: PathBuf,
}

/// Every theme the configured domains use, by name.
pub struct Themes(BTreeMap<String, Theme>);

impl Themes {
    /// Loads the themes named in `config` from `root/themes/`.
    pub fn load(root: &Path, config: &Config) -> Result<Themes, Vec<Diagnostic>> {
        let mut themes = BTreeMap::new();
        let mut problems = Vec::new();
        // Tried once per theme, so a broken theme shared by domains is reported once.
        let mut tried = std::collections::BTreeSet::new();
        for name in config.domains.iter().map(|d| &d.theme) {
            if !tried.insert(name) {
                continue;
            }
            let shown = PathBuf::from("themes").join(name);
            let dir = root.join(&shown);
            if let Some(d) = crate::read::outside_root(root, &dir, &shown) {
                problems.push(d);
                continue;
            }
            let loaded = templates::load(&dir, &shown)
                .and_then(|tera| Ok(Theme { tera, assets: assets::load(&dir)?, shown: shown.clone() }));
            match loaded {
                Ok(theme) => {
                    themes.insert(name.clone(), theme);
                }
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(Themes(themes))
        } else {
            Err(problems)
        }
    }

    /// The root-relative URLs of the assets theme `name` ships (`/assets/style.1a2b.css`).
    pub fn asset_urls(&self, name: &str) -> Vec<String> {
        self.0.get(name).map_or_else(Vec::new, |t| t.assets.values().map(|a| a.url.clone()).collect())
    }
}

/// Renders every assembled domain into `sink`, but only the Markdown pages `keep`
/// accepts (by index into `site.pages`); generated pages, 404 pages and other files are
/// always rendered. `site serve` uses `keep` to re-render just the pages an edit
/// affects. Returns how many files went to the sink.
pub fn render_selected(
    site: &Site,
    themes: &Themes,
    keep: &(dyn Fn(PageId) -> bool + Sync),
    sink: &Sink<'_>,
) -> Result<usize, Vec<Diagnostic>> {
    let mut count = 0;
    let mut problems = Vec::new();
    for ds in &site.domains {
        match render_domain(site, ds, &Shared { themes, keep }, sink) {
            Ok(n) => count += n,
            Err(mut more) => problems.append(&mut more),
        }
    }
    if problems.is_empty() {
        Ok(count)
    } else {
        Err(problems)
    }
}

/// What every domain's rendering shares.
struct Shared<'a> {
    themes: &'a Themes,
    keep: &'a (dyn Fn(PageId) -> bool + Sync),
}

/// What every page of one domain shares.
struct DomainRender<'a> {
    site: &'a Site,
    ds: &'a DomainSite,
    tera: Tera,
    theme: &'a Theme,
    t: &'a BTreeMap<String, String>,
    i18n: &'a I18n,
    lang: &'a str,
}

fn render_domain(site: &Site, ds: &DomainSite, shared: &Shared<'_>, sink: &Sink<'_>) -> Result<usize, Vec<Diagnostic>> {
    let domain = site.config.domain_at(ds.domain);
    let theme = shared.themes.0.get(&domain.theme).ok_or_else(|| {
        vec![Diagnostic::error(crate::config::CONFIG_PATH, 0, 0, format!("theme `{}` is not loaded", domain.theme))
            .with_code(Code::E032)]
    })?;
    let i18n = &site.i18n;
    let t = i18n.table(&domain.language).ok_or_else(|| i18n.require(&[domain.language.as_str()]))?;
    let mut tera = theme.tera.clone();
    fill_globals(tera.global_context(), site, ds, theme, t);
    let r = DomainRender { site, ds, tera, theme, t, i18n, lang: &domain.language };
    let host = &domain.host;
    let keep = shared.keep;
    let pages = ds.entries.par_iter().filter(|e| keep(e.page)).map(|e| {
        let html = r.page(e.page, &e.url, e.is_home)?;
        sink(OutFile { path: extras::page_path(host, &e.url), bytes: html.into_bytes() })
    });
    let generated = ds.generated.par_iter().map(|g| {
        let html = r.generated(g)?;
        sink(OutFile { path: extras::page_path(host, &g.url), bytes: html.into_bytes() })
    });
    let mut problems: Vec<Diagnostic> = pages.chain(generated).filter_map(Result::err).collect();
    let mut count = ds.entries.iter().filter(|e| keep(e.page)).count() + ds.generated.len();
    if let Err(d) =
        r.not_found().and_then(|html| sink(OutFile { path: format!("{host}/404.html"), bytes: html.into_bytes() }))
    {
        problems.push(d);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for file in extras::files(site, ds, &theme.assets) {
        sink(file).map_err(|d| vec![d])?;
        count += 1;
    }
    Ok(count + 1)
}

fn fill_globals(globals: &mut Context, site: &Site, ds: &DomainSite, theme: &Theme, t: &BTreeMap<String, String>) {
    let config = &site.config;
    let domain = config.domain_at(ds.domain);
    let (lang, dir) = context::lang_dir(domain);
    globals.insert("lang", lang);
    globals.insert("dir", dir);
    globals.insert("t", t);
    globals.insert(
        "site",
        &SiteCtx {
            name: &config.brand.name,
            tagline: &config.brand.tagline,
            description: &config.brand.description,
            year: 2026,
        },
    );
    let cta: Vec<LinkCtx> = ds.cta.iter().map(|n| LinkCtx { label: n.label.clone(), url: n.url.clone() }).collect();
    globals.insert(
        "domain",
        &DomainCtx {
            key: &domain.key,
            host: &domain.host,
            base_url: &domain.base_url,
            title: &domain.title,
            description: &domain.description,
            role: &domain.role,
            cta,
        },
    );
    let domains: Vec<SiteLinkCtx<'_>> = config
        .domains
        .iter()
        .map(|d| SiteLinkCtx {
            key: &d.key,
            host: &d.host,
            url: format!("{}/", d.base_url),
            // Another site's role in this site's language when the UI strings have it.
            label: t.get(&format!("site_role_{}", d.key)).unwrap_or(&d.role),
            current: d.key == domain.key,
        })
        .collect();
    globals.insert("domains", &domains);
    globals.insert("docs_t", &docs::DocsLabels::new(t));
    let assets: BTreeMap<&str, &str> = theme.assets.iter().map(|(k, a)| (k.as_str(), a.url.as_str())).collect();
    globals.insert("assets", &assets);
}

impl DomainRender<'_> {
    fn page(&self, page: PageId, url: &str, is_home: bool) -> Result<String, Diagnostic> {
        let site = self.site;
        let p = &site.pages[page];
        let domain = site.config.domain_at(self.ds.domain);
        let hrefs = links::hrefs(site, page, self.ds.domain);
        let body = site.body_html(page);
        let kind = context::kind_name(p, is_home);
        let home_title = self.t.get("home").map_or("Home", String::as_str);
        let date_display = |d: &Option<String>| d.as_deref().and_then(|d| dates::display(d, self.lang));
        // On a documentation page, the date of the last commit stands in for `updated:`.
        let updated = self.ds.docs.pages.get(&page).map_or(&p.front.updated, |d| &d.updated);
        let page_ctx = PageCtx {
            kind,
            title: &p.front.title,
            description: p.front.description.as_deref().unwrap_or(""),
            url,
            permalink: domain.absolute(url),
            content: links::fill_components(links::substitute(&body, &hrefs), self.ds.components.get(&page)),
            toc: &site.rendered[page].toc,
            date: p.front.date.as_deref(),
            date_display: date_display(&p.front.date),
            updated: updated.as_deref(),
            updated_display: date_display(updated),
            tags: &p.front.tags,
            breadcrumbs: context::breadcrumbs(site, page, self.ds, home_title),
            source: p.source.to_string_lossy().replace('\\', "/"),
            translations: self.translations(page),
            has_code: context::has_code(&body),
        };
        let mut ctx = Context::new();
        ctx.insert("page", &page_ctx);
        ctx.insert("nav", &self.nav(url));
        ctx.insert("docs", &docs::context(site, self.ds, page));
        let section = match kind {
            Kind::Section => context::section(site, page, self.ds, self.lang),
            Kind::Home => context::home_sections(site, self.ds),
            _ => context::SectionCtx::default(),
        };
        ctx.insert("section", &section);
        // Features (the decision log) add a record's extras, or a page's data and template.
        let extra = self.ds.page_data.get(&page);
        ctx.insert("decision", &extra.and_then(|e| e.decision.as_ref()));
        ctx.insert("data", &extra.and_then(|e| e.data.as_ref()));
        let template = match (kind, extra.and_then(|e| e.template)) {
            (_, Some(template)) => template,
            (Kind::Home, _) => Template::Index,
            (Kind::Section, _) => Template::Section,
            (Kind::Decision, _) => Template::Decision,
            _ => Template::Page,
        };
        self.tera.render(template.file(), &ctx).map_err(|e| self.template_error(&e, p))
    }

    fn not_found(&self) -> Result<String, Diagnostic> {
        let domain = self.site.config.domain_at(self.ds.domain);
        let title = self.t.get("not_found_title").map_or("Page not found", String::as_str);
        let page_ctx = PageCtx {
            kind: Kind::NotFound,
            title,
            description: "",
            url: "/404.html",
            permalink: domain.absolute("/404.html"),
            content: String::new(),
            toc: &[],
            date: None,
            date_display: None,
            updated: None,
            updated_display: None,
            tags: &[],
            breadcrumbs: Vec::new(),
            source: String::new(),
            translations: Vec::new(),
            has_code: false,
        };
        let mut ctx = Context::new();
        ctx.insert("page", &page_ctx);
        ctx.insert("nav", &self.nav(""));
        ctx.insert("docs", &Option::<()>::None);
        ctx.insert("section", &context::SectionCtx::default());
        ctx.insert("decision", &Option::<()>::None);
        ctx.insert("data", &());
        self.tera
            .render(Template::NotFound.file(), &ctx)
            .map_err(|e| templates::diagnostic(&e, &self.theme.shown.join("templates"), &[]))
    }

    fn generated(&self, g: &GeneratedPage) -> Result<String, Diagnostic> {
        let domain = self.site.config.domain_at(self.ds.domain);
        let home_title = self.t.get("home").map_or("Home", String::as_str);
        let page_ctx = PageCtx {
            kind: g.kind,
            title: &g.title,
            description: &g.description,
            url: &g.url,
            permalink: domain.absolute(&g.url),
            content: String::new(),
            toc: &[],
            date: g.date.as_deref(),
            date_display: g.date.as_deref().and_then(|d| dates::display(d, self.lang)),
            updated: None,
            updated_display: None,
            tags: &[],
            breadcrumbs: vec![context::Crumb { title: home_title.to_owned(), url: "/".into() }],
            source: g.source.to_string_lossy().replace('\\', "/"),
            translations: self.generated_translations(&g.url),
            // Prose in the page's data (FAQ answers, descriptions) is rendered Markdown too.
            has_code: context::data_has_code(&g.data),
        };
        let mut ctx = Context::new();
        ctx.insert("page", &page_ctx);
        ctx.insert("nav", &self.nav(&g.url));
        ctx.insert("docs", &Option::<()>::None);
        ctx.insert("section", &context::SectionCtx::default());
        ctx.insert("decision", &Option::<()>::None);
        ctx.insert("data", &g.data);
        self.tera.render(g.template.file(), &ctx).map_err(|e| {
            let mut d = templates::diagnostic(&e, &self.theme.shown.join("templates"), &[]);
            d.hint = Some(format!("while rendering {} from {}", g.url, g.source.display()));
            d
        })
    }

    fn translations(&self, page: PageId) -> Vec<context::TranslationCtx> {
        let versions = translations::versions(self.site, page);
        let original = versions.first().map(|v| v.page);
        versions
            .into_iter()
            .map(|v| context::TranslationCtx {
                label: self.language_name(&v.lang),
                current: v.page == page,
                original: Some(v.page) == original,
                lang: v.lang,
                url: v.url,
            })
            .collect()
    }

    /// The language versions of a page made from data: the same URL on the twin domain.
    fn generated_translations(&self, url: &str) -> Vec<context::TranslationCtx> {
        let versions = translations::generated_versions(self.site, self.ds.domain, url);
        let original = versions.first().map(|v| v.domain);
        versions
            .into_iter()
            .map(|v| context::TranslationCtx {
                label: self.language_name(&v.lang),
                current: v.domain == self.ds.domain,
                original: Some(v.domain) == original,
                lang: v.lang,
                url: v.url,
            })
            .collect()
    }

    /// A language's name in that language (`עברית`), for the language switch.
    fn language_name(&self, lang: &str) -> String {
        self.i18n.table(lang).and_then(|t| t.get("language_name")).cloned().unwrap_or_else(|| lang.to_owned())
    }

    fn nav(&self, url: &str) -> Vec<NavCtx<'_>> {
        self.ds
            .nav
            .iter()
            .map(|n| NavCtx {
                label: &n.label,
                url: &n.url,
                active: n.url != "/" && n.url.starts_with('/') && url.starts_with(n.url.as_str()),
            })
            .collect()
    }

    fn template_error(&self, error: &tera::Error, page: &crate::load::Page) -> Diagnostic {
        let mut d = templates::diagnostic(error, &self.theme.shown.join("templates"), &[]);
        d.hint = Some(format!("while rendering {}", page.source.display()));
        d
    }
}
