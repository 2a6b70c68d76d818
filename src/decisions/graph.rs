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
    /// One record links to another.
    Relates,
    /// A page links to a record.
    References,
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
    /// Legend entries, in `EdgeKind` order.
    pub legend: [String; 3],
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
const RECORD_H: u32 = 52;
const RECORD_ROW: u32 = 68;
const PAGE_X: u32 = 480;
const PAGE_W: u32 = 230;
const PAGE_H: u32 = 40;
const PAGE_ROW: u32 = 52;
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
    legend(&mut out, labels);
    out.push_str("<g class=\"dg-edges\" aria-hidden=\"true\">\n");
    for edge in edges {
        out.push_str(&edge_path(edge, &layout));
    }
    out.push_str("</g>\n");
    for (node, at) in nodes.iter().zip(&layout.at) {
        node_svg(&mut out, node, *at);
    }
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, labels: &Labels) {
    out.push_str("<g class=\"dg-legend\" aria-hidden=\"true\">\n");
    for (i, (label, class)) in labels.legend.iter().zip(["supersedes", "relates", "references"]).enumerate() {
        let x = 8 + 236 * i as u32;
        out.push_str(&format!(
            "<line class=\"dg-edge dg-{class}\" x1=\"{x}\" y1=\"16\" x2=\"{}\" y2=\"16\" marker-end=\"url(#decision-graph-arrow)\"/><text class=\"dg-legend-text\" x=\"{}\" y=\"20\">",
            x + 36,
            x + 46
        ));
        escape_into(out, label);
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n");
}

/// A record-to-record edge arcs left of the column, further for distant rows;
/// a page-to-record edge is an S-curve between the columns.
fn edge_path(edge: &Edge, layout: &Layout) -> String {
    let ((x1, y1), (x2, y2)) = (layout.at[edge.from], layout.at[edge.to]);
    let class = match edge.kind {
        EdgeKind::Supersedes => "supersedes",
        EdgeKind::Relates => "relates",
        EdgeKind::References => "references",
    };
    let d = if edge.kind == EdgeKind::References {
        let (ya, yb) = (y1 + PAGE_H / 2, y2 + RECORD_H / 2);
        let (xa, xb) = (x1, x2 + RECORD_W);
        let mid = (xa + xb) / 2;
        format!("M{xa},{ya} C{mid},{ya} {mid},{yb} {xb},{yb}")
    } else {
        let offset = if edge.kind == EdgeKind::Supersedes { RECORD_H / 2 - 8 } else { RECORD_H / 2 + 8 };
        let (ya, yb) = (y1 + offset, y2 + offset);
        let rows = y1.abs_diff(y2) / RECORD_ROW;
        let reach = (20 + rows * 18).min(RECORD_X - 8);
        let bend = x1 - reach;
        format!("M{x1},{ya} C{bend},{ya} {bend},{yb} {x2},{yb}")
    };
    format!("<path class=\"dg-edge dg-{class}\" d=\"{d}\" marker-end=\"url(#decision-graph-arrow)\"/>\n")
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
    if node.status.is_some() {
        text(out, "dg-id", x + 12, y + 21, &node.label);
        text(out, "dg-status", x + w - 12, y + 21, &node.status_label);
        text(out, "dg-title", x + 12, y + 40, &shorten(&node.title, 40));
    } else {
        text(out, "dg-title", x + 12, y + 25, &shorten(&node.title, 30));
    }
    out.push_str("</a>\n");
}

fn text(out: &mut String, class: &str, x: u32, y: u32, value: &str) {
    out.push_str(&format!("<text class=\"{class}\" x=\"{x}\" y=\"{y}\">"));
    escape_into(out, value);
    out.push_str("</text>");
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
    fn shortens_long_titles() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
