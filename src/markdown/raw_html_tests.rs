use super::*;

fn clean(fragment: &str) -> String {
    sanitize(fragment).0
}

fn whats(fragment: &str) -> Vec<String> {
    sanitize(fragment).1.into_iter().map(|r| r.what).collect()
}

#[test]
fn harmless_markup_is_kept() {
    for html in [
        "<div class=\"note\">\n<p>Hi <b>there</b></p>\n</div>\n",
        "<img src=\"/a.png\" alt=\"A\" />",
        "<a href=\"https://x.ai/\" title=\"x\">x</a>",
        "<a href=\"mailto:a@x.ai\">m</a> <a href=\"tel:+1\">t</a> <a href=\"#top\">t</a>",
        "<!-- a note -->",
        "<details><summary>More</summary>text &amp; more</details>",
        "<br>",
    ] {
        assert_eq!(sanitize(html), (html.to_owned(), Vec::new()), "{html}");
    }
}

#[test]
fn tags_are_written_back_canonically() {
    assert_eq!(clean("<IMG SRC=/a.png alt='it\"s'>"), "<img src=\"/a.png\" alt=\"it&quot;s\">");
    assert_eq!(clean("<a href=\"x\" href=\"javascript:y\">"), "<a href=\"x\">");
    assert_eq!(clean("a < b and c<3"), "a &lt; b and c&lt;3");
    assert_eq!(clean("<p title=\"&lt;b&gt;\">"), "<p title=\"&lt;b&gt;\">");
    assert_eq!(clean("<input disabled>"), "<input disabled=\"\">");
    assert_eq!(clean("</div >"), "</div>");
}

#[test]
fn scripts_and_embeds_are_removed() {
    assert_eq!(clean("<script>alert(1)</script>after"), "after");
    assert_eq!(clean("<SCRIPT src=x.js></SCRIPT>"), "");
    assert_eq!(clean("<iframe src=\"https://x\"><p>in</p></iframe>ok"), "ok");
    assert_eq!(clean("<object data=\"x.swf\"><p>fallback</p></object>"), "<p>fallback</p>");
    assert_eq!(clean("<embed src=\"x.swf\">"), "");
    assert_eq!(clean("<base href=\"https://evil/\">"), "");
    assert_eq!(clean("<meta http-equiv=refresh content=\"0;url=javascript:x\">"), "");
    assert_eq!(clean("<svg><a><animate attributeName=href values=javascript:x /></a></svg>"), "<svg><a></a></svg>");
    assert_eq!(whats("<script>x</script>"), ["`<script>`, which runs a script"]);
}

#[test]
fn event_handlers_and_script_urls_are_removed() {
    assert_eq!(clean("<img src=x onerror=alert(1)>"), "<img src=\"x\">");
    assert_eq!(clean("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
    assert_eq!(clean("<a href=\"&#106;avascript:x\">x</a>"), "<a>x</a>");
    assert_eq!(clean("<a href=\"&#x6A;avascript&colon;x\">x</a>"), "<a>x</a>");
    assert_eq!(clean("<a href=\"&#0000106avascript:x\">x</a>"), "<a>x</a>");
    assert_eq!(clean("<a href=\"java&Tab;script:x\">x</a>"), "<a>x</a>");
    assert_eq!(clean("<a href=\" JAVASCRIPT:x\">x</a>"), "<a>x</a>");
    assert_eq!(
        clean("<form action=javascript:x><button formaction=data:x>b</button></form>"),
        "<form><button>b</button></form>"
    );
    assert_eq!(clean("<svg><a xlink:href=\"javascript:x\">x</a></svg>"), "<svg><a>x</a></svg>");
    assert_eq!(clean("<img srcset=\"a.png 1x, data:image/png;base64,AA 2x\">"), "<img>");
    assert_eq!(clean("<img src=\"data:image/png;base64,AA\">"), "<img>");
    assert_eq!(whats("<img src=x onerror=alert(1)>"), ["`onerror` from `<img>`: event-handler attributes run scripts"]);
    assert_eq!(whats("<a href=javascript:x>"), ["`href` from `<a>`: its URL runs a script"]);
}

#[test]
fn unknown_entities_stay_literal() {
    // `&foo;` is not decoded, and written back escaped, so the browser reads it as text.
    assert_eq!(clean("<a href=\"&foo;javascript:x\">"), "<a href=\"&amp;foo;javascript:x\">");
}

#[test]
fn what_a_browser_reads_as_a_tag_is_never_left_as_text() {
    // Inside <style> a browser reads no comment: markup in comments goes.
    assert_eq!(clean("<style><!--</style><img src=x onerror=alert(1)>--></style>"), "<style></style>");
    // Attribute values are escaped, so they cannot close a raw-text element.
    assert_eq!(
        clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"),
        "<noscript><p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\"></noscript>"
    );
    assert_eq!(clean("<svg><![CDATA[ ><img src=x onerror=alert(1)> ]]></svg>"), "<svg><img src=\"x\"> ]]></svg>");
    assert_eq!(clean("<a href=x onclick=\"y"), "");
    assert_eq!(clean("<!-- never closed <b>"), "");
    assert_eq!(clean("<a\"b onclick=x>t"), "t");
    assert_eq!(clean("<a \"onclick\"=x>t"), "<a>t");
}

#[test]
fn offsets_point_at_the_tag_or_attribute() {
    let (_, removed) = sanitize("<p>x</p>\n<img src=y onerror=z>");
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].offset, "<p>x</p>\n<img src=y ".len());
    let (_, removed) = sanitize("ab<script>");
    assert_eq!(removed[0].offset, 2);
}

#[test]
fn what_it_writes_it_would_keep() {
    // Sanitising the output again changes nothing and removes nothing: the output is
    // made only of what the policy allows.
    for html in [
        "<a href=javascript:x onclick=y>t</a><img src=x onerror=y>",
        "<style><!--</style><img src=x onerror=alert(1)>--></style>",
        "<svg><![CDATA[ ><img src=x onerror=alert(1)> ]]></svg>",
        "a < b <3 <<script>x</script>>",
        "<p title='\"><script>x</script>'>t</p>",
        "<div\nonclick=x\n>t</div>",
        "<a href=\"java&#x0A;script:x\">t</a>",
        "<!--> <b onclick=x>b</b> <!---> <!-- ok -->",
    ] {
        let (once, _) = sanitize(html);
        assert_eq!(sanitize(&once), (once.clone(), Vec::new()), "{html}");
    }
}

#[test]
fn ids_are_those_the_output_holds() {
    let found = |html: &str| super::clean(html).ids;
    assert_eq!(found("<span id=\"integer-args\">x</span> <a name=old-name></a>"), ["integer-args", "old-name"]);
    assert_eq!(found("<h3 id='a&amp;b'>t</h3>"), ["a&b"]);
    // `name` names a target only on `<a>`; an empty id is none; the first of two is kept.
    assert_eq!(found("<input name=q><p id=\"\">t</p><b id=first id=second>t</b>"), ["first"]);
    // Nothing from removed elements, from inside text-only elements, or from comments.
    assert_eq!(found("<iframe id=f></iframe><script>'<a id=s>'</script><object id=o></object>"), Vec::<String>::new());
    assert_eq!(found("<textarea id=t><a id=inside></textarea><a id=after>"), ["t", "after"]);
    assert_eq!(found("<style><a id=x></style><!-- <a id=y> --><a id=z>"), ["z"]);
    assert_eq!(found("<div\nid=\"split\"\n>t</div>"), ["split"]);
}

#[test]
fn trusted_html_gives_the_ids_of_every_element() {
    assert_eq!(ids("<iframe id=f></iframe><object id=o onload=x></object><a name=n>t</a>"), ["f", "o", "n"]);
    assert_eq!(ids("<script>if (a<b) { '<a id=s>' }</script><a id=after>"), ["after"]);
    assert_eq!(ids("<textarea/><a id=inside></textarea><b id=b>"), ["b"]);
    assert_eq!(ids("<!-- <a id=c> --><b id=first id=second>"), ["first"]);
}
