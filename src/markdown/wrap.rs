//! Stage 2, parse (finishing touches): what a keyboard or a screen reader needs that
//! pulldown-cmark does not write.
//!
//! - A table sits in a labelled region that takes focus, so a table wider than a phone
//!   can be scrolled from the keyboard (axe `scrollable-region-focusable`).
//! - A task-list checkbox is named after its item's text (axe `label`).
//! - An empty header cell (the corner of a table whose rows have headers of their own)
//!   becomes a data cell, and a header row with no text at all is dropped (axe
//!   `empty-table-header`).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::escape_into;

/// Appends `event` to `events`, opening a scroll region before a table and closing it
/// after. `label` names the region (the heading above the table, say).
pub fn push<'a>(events: &mut Vec<Event<'a>>, event: Event<'a>, label: impl FnOnce() -> String) {
    match event {
        Event::Start(Tag::Table(_)) => {
            let mut open = String::from("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
            escape_into(&mut open, label().trim());
            open.push_str("\">");
            events.push(Event::Html(open.into()));
            events.push(event);
        }
        Event::End(TagEnd::Table) => {
            events.push(event);
            events.push(Event::Html("</div>\n".into()));
        }
        other => events.push(other),
    }
}

/// Gives each task-list checkbox an `aria-label` made of its item's text (up to the
/// item's end or a nested list).
pub fn label_task_markers(events: &mut [Event<'_>]) {
    for i in 0..events.len() {
        let Event::TaskListMarker(checked) = events[i] else { continue };
        let mut text = String::new();
        for event in &events[i + 1..] {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => break,
                _ => {}
            }
        }
        let mut html = String::from("<input disabled=\"\" type=\"checkbox\"");
        if checked {
            html.push_str(" checked=\"\"");
        }
        html.push_str(" aria-label=\"");
        escape_into(&mut html, text.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
        html.push_str("\"/>\n");
        events[i] = Event::Html(html.into());
    }
}

/// Turns empty `<th>` cells into `<td>` and drops header rows left with no `<th>`.
pub fn empty_header_cells(html: String) -> String {
    if !html.contains("></th>") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<thead>") {
        let Some(len) = rest[start..].find("</thead>") else { break };
        let end = start + len + "</thead>".len();
        out.push_str(&rest[..start]);
        let head = empty_cells_to_data(&rest[start..end]);
        // (`<thead>` itself starts with `<th`.)
        if head.contains("<th>") || head.contains("<th ") {
            out.push_str(&head);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `<th></th>` and `<th style="…"></th>` → `<td…></td>` within one `<thead>`.
fn empty_cells_to_data(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(start) = rest.find("<th") {
        out.push_str(&rest[..start]);
        let cell = &rest[start..];
        let open_end = cell.find('>').map_or(cell.len(), |i| i + 1);
        // `<thead>` itself also starts with `<th`.
        let is_cell = cell.starts_with("<th>") || cell.starts_with("<th ");
        if is_cell && cell[open_end..].starts_with("</th>") {
            out.push_str("<td");
            out.push_str(&cell[3..open_end]);
            out.push_str("</td>");
            rest = &cell[open_end + "</th>".len()..];
        } else {
            out.push_str(&cell[..open_end]);
            rest = &cell[open_end..];
        }
    }
    out.push_str(rest);
    out
}

/// pulldown-cmark aligns table cells with `style="text-align: left|right"`, which does
/// not mirror in right-to-left pages; classes mapped to `start`/`end` in the theme do.
pub fn logical_alignment(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-start\"")
        .replace(" style=\"text-align: right\"", " class=\"align-end\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_corner_becomes_a_data_cell() {
        let html = "<table><thead><tr><th></th><th style=\"text-align: right\">A</th></tr></thead><tbody>\n\
                    <tr><td>x</td><td>1</td></tr>\n</tbody></table>\n";
        let out = empty_header_cells(html.into());
        assert!(
            out.starts_with("<table><thead><tr><td></td><th style=\"text-align: right\">A</th></tr></thead>"),
            "{out}"
        );
    }

    #[test]
    fn a_header_row_with_no_text_is_dropped() {
        let html = "<table><thead><tr><th></th><th></th></tr></thead><tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody></table>\n";
        assert_eq!(
            empty_header_cells(html.into()),
            "<table><tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody></table>\n"
        );
    }

    #[test]
    fn full_headers_are_untouched() {
        let html = "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n</tbody></table>\n";
        assert_eq!(empty_header_cells(html.into()), html);
    }
}
