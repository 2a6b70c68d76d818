//! The files a domain gets besides its pages: assets, sitemap, robots.txt,
//! alias redirect pages (for hosts without server redirects) and files copied from
//! `content/`.

use crate::assemble::{DomainSite, Site};
use crate::html::escape_into;

use super::assets::Assets;
use super::output::OutFile;

/// Output path of a page URL: `/a/b/` → `host/a/b/index.html`.
pub fn page_path(host: &str, url: &str) -> String {
    if url.ends_with('/') {
        format!("{host}{url}index.html")
    } else {
        format!("{host}{url}")
    }
}

/// Assets, sitemap, robots.txt, redirects and content files for one domain.
pub fn files(site: &Site, ds: &DomainSite, assets: &Assets) -> Vec<OutFile> {
    let domain = site.config.domain_at(ds.domain);
    let host = &domain.host;
    let mut out: Vec<OutFile> =
        assets.values().map(|a| OutFile { path: format!("{host}{}", a.url), bytes: a.bytes.clone() }).collect();
    out.push(OutFile { path: format!("{host}/sitemap.xml"), bytes: sitemap(site, ds).into_bytes() });
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", domain.base_url);
    out.push(OutFile { path: format!("{host}/robots.txt"), bytes: robots.into_bytes() });
    // A host that answers aliases with real 301s (see `deploy`) needs no redirect page.
    let pages = if domain.deploy.target.redirects() { None } else { Some(&ds.aliases) };
    for (alias, target) in pages.into_iter().flatten() {
        out.push(OutFile {
            path: page_path(host, alias),
            bytes: redirect(&domain.absolute(target), &domain.language).into_bytes(),
        });
    }
    out.extend(published_files(site, ds));
    out.extend(ds.files.iter().map(|f| OutFile { path: format!("{host}{}", f.path), bytes: f.bytes.clone() }));
    out
}

fn sitemap(site: &Site, ds: &DomainSite) -> String {
    let domain = site.config.domain_at(ds.domain);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let pages = ds.entries.iter().map(|e| {
        let front = &site.pages[e.page].front;
        (e.url.as_str(), front.updated.as_ref().or(front.date.as_ref()))
    });
    let generated = ds.generated.iter().map(|g| (g.url.as_str(), g.date.as_ref()));
    let mut urls: Vec<_> = pages.chain(generated).collect();
    urls.sort();
    for (url, date) in urls {
        xml.push_str("  <url><loc>");
        escape_into(&mut xml, &domain.absolute(url));
        xml.push_str("</loc>");
        if let Some(date) = date {
            xml.push_str("<lastmod>");
            escape_into(&mut xml, date);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// A tiny page that sends readers (and search engines) to the new URL.
fn redirect(target: &str, lang: &str) -> String {
    let mut t = String::new();
    escape_into(&mut t, target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n"
    )
}

/// Images and other files under `content/` that this domain publishes.
fn published_files(site: &Site, ds: &DomainSite) -> Vec<OutFile> {
    let host = &site.config.domain_at(ds.domain).host;
    let files = ds.static_files.iter();
    files.map(|(i, url)| OutFile { path: format!("{host}{url}"), bytes: site.files[*i].bytes.clone() }).collect()
}
