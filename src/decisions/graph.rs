//! The graph of decisions as an inline SVG, laid out at build time: records in one
//! column (oldest at the top), the pages that reference them in a second column.
//! Supersession and relates-to edges arc along the left of the records column,
//! references run from a page to a record. Every node is a link with a `<title>`;
//! the edges are drawn only — the page lists them in text beside the picture.

use crate::html::escape_into;

/// A box in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// First line: the record id, or the page's kind label.
    pub label: String,
    /// Second line: the title.
    pub title: String,
    /// Status class (`accepted`) for records; `None` for pages.
    pub status: Option<&'static str>,
    /// Status in words, shown in the box (never colour alone).
    pub status_label: String,
    /// Where the node links.
    pub url: String,
}

/// What an edge means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// The newer record replaces the older.
    Supersedes,
    /// A typed link between records, as adr-tools writes them ("Amends", "Clarifies"):
    /// index into [`Labels::typed`], drawn with its words on the edge.
    Typed(u16),
    /// One record links to another.
    Relates,
    /// A page links to a record.
    References,
}

impl EdgeKind {
    /// The CSS class of its line (`dg-supersedes`).
    fn class(self) -> &'static str {
        match self {
            EdgeKind::Supersedes => "supersedes",
            EdgeKind::Typed(_) => "typed",
            EdgeKind::Relates => "relates",
            EdgeKind::References => "references",
        }
    }
}

/// An edge from node `from` to node `to` (indices into the nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// Source node.
    pub from: usize,
    /// Target node.
    pub to: usize,
    /// Meaning.
    pub kind: EdgeKind,
}

/// Words the picture needs.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Accessible name of the whole graph.
    pub title: String,
    /// Words for supersedes, relates to and refers to.
    pub legend: [String; 3],
    /// Words of each typed link ("amends", "clarifies"), as [`EdgeKind::Typed`] indexes them.
    pub typed: Vec<String>,
}

impl Labels {
    /// The words for an edge kind.
    pub fn of(&self, kind: EdgeKind) -> &str {
        match kind {
            EdgeKind::Supersedes => &self.legend[0],
            EdgeKind::Typed(i) => self.typed.get(usize::from(i)).map_or("", String::as_str),
            EdgeKind::Relates => &self.legend[1],
            EdgeKind::References => &self.legend[2],
        }
    }
}

/// Where each node sits.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Top-left corner of each node, aligned with the nodes.
    pub at: Vec<(u32, u32)>,
    /// Size of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
}

const RECORD_X: u32 = 120;
const RECORD_W: u32 = 300;
const RECORD_H: u32 = 68;
const RECORD_ROW: u32 = 84;
const PAGE_X: u32 = 480;
const PAGE_W: u32 = 230;
const PAGE_H: u32 = 52;
const PAGE_ROW: u32 = 64;
/// How much title text fits one line of a box, in [`units`] (13px text).
const RECORD_LINE: usize = 36;
const PAGE_LINE: usize = 27;
const TOP: u32 = 48;
const WIDTH: u32 = 720;

fn size(node: &Node) -> (u32, u32) {
    if node.status.is_some() {
        (RECORD_W, RECORD_H)
    } else {
        (PAGE_W, PAGE_H)
    }
}

/// Records top to bottom in the order given, pages likewise beside them. When
/// pages outnumber records, records spread over the same height so that edges
/// stay short; the shorter column is centred against the taller.
pub fn layout(nodes: &[Node]) -> Layout {
    let records = nodes.iter().filter(|n| n.status.is_some()).count() as u32;
    let pages = nodes.len() as u32 - records;
    let h1 = pages * PAGE_ROW;
    let pitch = RECORD_ROW.max(h1.checked_div(records).unwrap_or(0));
    let h0 = records * pitch;
    let tall = h0.max(h1);
    let (mut r, mut p) = (TOP + (tall - h0) / 2 + (pitch - RECORD_ROW) / 2, TOP + (tall - h1) / 2);
    let at = nodes
        .iter()
        .map(|n| {
            if n.status.is_some() {
                r += pitch;
                (RECORD_X, r - pitch)
            } else {
                p += PAGE_ROW;
                (PAGE_X, p - PAGE_ROW)
            }
        })
        .collect();
    Layout { at, width: WIDTH, height: TOP + tall + 8 }
}

/// The whole `<svg>` element.
pub fn svg(nodes: &[Node], edges: &[Edge], labels: &Labels) -> String {
    let layout = layout(nodes);
    let mut out = format!(
        "<svg class=\"decision-graph-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-labelledby=\"decision-graph-title\">\n<title id=\"decision-graph-title\">",
        w = layout.width,
        h = layout.height
    );
    escape_into(&mut out, &labels.title);
    out.push_str("</title>\n<defs><marker id=\"decision-graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path class=\"dg-arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
    legend(&mut out, edges, labels);
    out.push_str("<g class=\"dg-edges\" aria-hidden=\"true\">\n");
    for edge in edges {
        out.push_str(&edge_path(edge, &layout, labels));
    }
    out.push_str("</g>\n");
    for (node, at) in nodes.iter().zip(&layout.at) {
        node_svg(&mut out, node, *at);
    }
    out.push_str("</svg>");
    out
}

/// One entry per kind of edge drawn, in [`EdgeKind`] order; none for kinds not drawn.
fn legend(out: &mut String, edges: &[Edge], labels: &Labels) {
    let mut kinds: Vec<EdgeKind> = edges.iter().map(|e| e.kind).collect();
    kinds.sort();
    kinds.dedup();
    out.push_str("<g class=\"dg-legend\" aria-hidden=\"true\">\n");
    let mut x = 8;
    for kind in kinds {
        let label = labels.of(kind);
        out.push_str(&format!(
            "<line class=\"dg-edge dg-{}\" x1=\"{x}\" y1=\"16\" x2=\"{}\" y2=\"16\" marker-end=\"url(#decision-graph-arrow)\"/><text class=\"dg-legend-text\" x=\"{}\" y=\"20\">",
            kind.class(),
            x + 36,
            x + 46
        ));
        escape_into(out, label);
        out.push_str("</text>\n");
        // Wide enough for the words at 12px, and never less than the old fixed step.
        x += 56 + (units(label) as u32 * 7).max(120);
    }
    out.push_str("</g>\n");
}

/// A record-to-record edge arcs left of the column, further for distant rows;
/// a page-to-record edge is an S-curve between the columns.
fn edge_path(edge: &Edge, layout: &Layout, labels: &Labels) -> String {
    let ((x1, y1), (x2, y2)) = (layout.at[edge.from], layout.at[edge.to]);
    let class = edge.kind.class();
    let d = if edge.kind == EdgeKind::References {
        let (ya, yb) = (y1 + PAGE_H / 2, y2 + RECORD_H / 2);
        let (xa, xb) = (x1, x2 + RECORD_W);
        let mid = (xa + xb) / 2;
        format!("M{xa},{ya} C{mid},{ya} {mid},{yb} {xb},{yb}")
    } else {
        let offset = match edge.kind {
            EdgeKind::Supersedes => RECORD_H / 2 - 8,
            EdgeKind::Typed(_) => RECORD_H / 2,
            _ => RECORD_H / 2 + 8,
        };
        let (ya, yb) = (y1 + offset, y2 + offset);
        let rows = y1.abs_diff(y2) / RECORD_ROW;
        let reach = (20 + rows * 18).min(RECORD_X - 8);
        let bend = x1 - reach;
        format!("M{x1},{ya} C{bend},{ya} {bend},{yb} {x2},{yb}")
    };
    let mut out = format!("<path class=\"dg-edge dg-{class}\" d=\"{d}\" marker-end=\"url(#decision-graph-arrow)\"/>\n");
    if let EdgeKind::Typed(_) = edge.kind {
        // A typed link says what it is where it bends, beside the column.
        let y = (y1 + y2) / 2 + RECORD_H / 2 + 4;
        out.push_str(&format!("<text class=\"dg-edge-label\" x=\"{}\" y=\"{y}\">", RECORD_X - 6));
        escape_into(&mut out, &shorten(labels.of(edge.kind), 14));
        out.push_str("</text>\n");
    }
    out
}

fn node_svg(out: &mut String, node: &Node, (x, y): (u32, u32)) {
    let (w, h) = size(node);
    let class = match node.status {
        Some(status) => format!("dg-node dg-record dg-status-{status}"),
        None => "dg-node dg-page".to_owned(),
    };
    out.push_str(&format!("<a class=\"{class}\" href=\""));
    escape_into(out, &node.url);
    out.push_str("\"><title>");
    let name = match node.status {
        Some(_) => format!("{}: {} ({})", node.label, node.title, node.status_label),
        None => format!("{} ({})", node.title, node.label),
    };
    escape_into(out, &name);
    out.push_str(&format!("</title><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"8\"/>"));
    let (lines, first) = if node.status.is_some() {
        text(out, "dg-id", x + 12, y + 21, &node.label);
        text(out, "dg-status", x + w - 12, y + 21, &node.status_label);
        (wrap(&node.title, RECORD_LINE, 2), y + 40)
    } else {
        (wrap(&node.title, PAGE_LINE, 2), y + 22)
    };
    for (i, line) in lines.iter().enumerate() {
        text(out, "dg-title", x + 12, first + 17 * i as u32, line);
    }
    out.push_str("</a>\n");
}

fn text(out: &mut String, class: &str, x: u32, y: u32, value: &str) {
    out.push_str(&format!("<text class=\"{class}\" x=\"{x}\" y=\"{y}\">"));
    escape_into(out, value);
    out.push_str("</text>");
}

/// The width of `text` in units of an average Latin letter: wide (CJK, full-width)
/// characters count two, capitals and `m`/`w` a little more than one.
pub fn units(text: &str) -> usize {
    let tenths: usize = text
        .chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' => 20,
            '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}' => 20,
            'A'..='Z' | 'm' | 'w' => 13,
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 6,
            _ => 10,
        })
        .sum();
    tenths.div_ceil(10)
}

/// `text` in at most `lines` lines of at most `width` [`units`], broken between words
/// (inside a word only when it alone is too wide); the last line ends in an ellipsis
/// when text is left over. The full title is the node's `<title>`.
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let joined = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if units(&joined) <= width {
            line = joined;
            continue;
        }
        if out.len() + 1 == lines || (line.is_empty() && units(word) > width) {
            // The last line, or a word too long for any line: fill it and cut.
            let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
            let all = if line.is_empty() { rest.join(" ") } else { format!("{line} {}", rest.join(" ")) };
            out.push(cut(&all, width));
            return out;
        }
        out.push(std::mem::take(&mut line));
        line = word.to_owned();
    }
    if units(&line) > width {
        line = cut(&line, width);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The longest start of `text` that fits `width` units with an ellipsis after it.
fn cut(text: &str, width: usize) -> String {
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if units(&kept) + 1 > width {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: &str, record: bool) -> Node {
        Node {
            label: label.into(),
            title: format!("Title of {label}"),
            status: record.then_some("accepted"),
            status_label: "Accepted".into(),
            url: format!("/{label}/"),
        }
    }

    #[test]
    fn nodes_do_not_overlap_and_fit() {
        let nodes: Vec<Node> = (0..5).map(|i| node(&format!("n{i}"), i < 3)).collect();
        let l = layout(&nodes);
        for (i, a) in l.at.iter().enumerate() {
            let (w, h) = size(&nodes[i]);
            assert!(a.0 + w <= l.width && a.1 + h <= l.height);
            for (j, b) in l.at.iter().enumerate().filter(|(j, _)| *j != i) {
                let (w2, h2) = size(&nodes[j]);
                let apart = a.0 + w <= b.0 || b.0 + w2 <= a.0 || a.1 + h <= b.1 || b.1 + h2 <= a.1;
                assert!(apart, "{i} and {j} overlap");
            }
        }
    }

    #[test]
    fn every_node_is_a_titled_link() {
        let nodes = [node("BDR-0001", true), node("Page & co", false)];
        let edges = [Edge { from: 1, to: 0, kind: EdgeKind::References }];
        let svg = svg(&nodes, &edges, &Labels { title: "Graph".into(), ..Labels::default() });
        assert_eq!(svg.matches("<a class=").count(), 2);
        assert!(svg.contains("<title>BDR-0001: Title of BDR-0001 (Accepted)</title>"));
        assert!(svg.contains("Title of Page &amp; co"));
        assert_eq!(svg.matches("<path class=\"dg-edge dg-references\"").count(), 1);
    }

    #[test]
    fn long_titles_wrap_then_cut_within_their_box() {
        let title = "Use a single shared PostgreSQL cluster for every tenant of the billing platform and of its reporting replicas";
        let lines = wrap(title, RECORD_LINE, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| units(l) <= RECORD_LINE), "{lines:?}");
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Short", RECORD_LINE, 2), ["Short"]);
        let wide = wrap("共有データベースを全テナントで使用する決定とその理由について", RECORD_LINE, 2);
        assert!(wide.iter().all(|l| units(l) <= RECORD_LINE), "{wide:?}");
        let long_word = wrap(&"x".repeat(100), PAGE_LINE, 2);
        assert_eq!(long_word.len(), 1);
        assert!(units(&long_word[0]) <= PAGE_LINE);
    }

    #[test]
    fn the_legend_shows_only_kinds_drawn_and_typed_edges_are_labelled() {
        let nodes = [node("BDR-0001", true), node("BDR-0002", true)];
        let labels = Labels {
            title: "Graph".into(),
            legend: ["supersedes".into(), "relates to".into(), "refers to".into()],
            typed: vec!["amends".into()],
        };
        let svg = svg(&nodes, &[Edge { from: 1, to: 0, kind: EdgeKind::Typed(0) }], &labels);
        assert!(svg.contains("<text class=\"dg-legend-text\" x=\"54\" y=\"20\">amends</text>"), "{svg}");
        assert!(svg.contains("<text class=\"dg-edge-label\""));
        assert!(!svg.contains(">supersedes<") && !svg.contains(">relates to<") && !svg.contains(">refers to<"));
    }

    #[test]
    fn shortens_long_titles() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
