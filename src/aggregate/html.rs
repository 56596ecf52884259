//! `claimcheck report --format html`: one self-contained page (inline style, inline SVG, no
//! script, nothing fetched), readable offline: the claims with the pages that agree and
//! conflict, a chart of findings per month per claim, and the uncovered worklist.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{PageRef, Report};

/// Height of one claim's row in the chart, in pixels.
const ROW: usize = 30;
/// Width of the claim labels left of the chart.
const LABEL: usize = 260;
/// Width the months share.
const PLOT: usize = 640;

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
.claim{border-left:4px solid #999;padding:.2rem 1rem;margin:1rem 0}
.claim.has-conflicts{border-color:#c62828}.agrees{color:#2e7d32}.conflicts{color:#c62828}
.statement{color:#444}.stated{font-weight:600}q{font-style:italic}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
.num{text-align:right}.muted{color:#777}svg text{font:12px system-ui,sans-serif}svg text.month{font-size:10px}
";

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// A page as a link when it is an http(s) URL (never `javascript:` or the like).
fn page_link(p: &PageRef) -> String {
    let lower = p.page.to_ascii_lowercase();
    if p.linked && (lower.starts_with("https://") || lower.starts_with("http://")) {
        format!("<a href=\"{}\">{}</a>", attr(&p.page), esc(&p.page))
    } else {
        format!("<span class=\"page\">{}</span>", esc(&p.page))
    }
}

fn sentence_item(p: &PageRef) -> String {
    let date = p.date.as_deref().map_or_else(String::new, |d| {
        format!(" <span class=\"muted\">{}</span>", esc(d))
    });
    format!(
        "<li>{}{date}: <q>{}</q> <span class=\"stated\">{}</span></li>",
        page_link(p),
        esc(&p.sentence),
        esc(&p.stated)
    )
}

/// The whole page; `top`: how many uncovered figures to list.
pub fn render(r: &Report, top: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>claimcheck report</title><style>{STYLE}</style></head><body>\n\
         <h1>claimcheck report</h1>\n<p id=\"summary\">{}</p>\n",
        esc(&super::summary_line(r))
    );
    s.push_str("<h2 id=\"over-time\">Findings over time</h2>\n");
    s.push_str(&chart(r));
    s.push_str("<h2 id=\"claims\">Claims</h2>\n");
    if r.claims.is_empty() {
        s.push_str("<p class=\"muted\">No sentence stated a claim of the database.</p>\n");
    }
    for c in &r.claims {
        let class = if c.conflicts > 0 {
            " has-conflicts"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<section class=\"claim{class}\" id=\"claim-{}\"><h3>{}</h3>\
             <p class=\"statement\">{}</p><p class=\"counts\"><span class=\"agrees\">{} agree\
             </span> · <span class=\"conflicts\">{} conflict</span></p>",
            attr(&c.id),
            esc(&c.id),
            esc(&c.statement),
            c.agrees,
            c.conflicts
        );
        for (name, list, total, open) in [
            ("Conflicting", &c.conflicting, c.conflicts, " open"),
            ("Agreeing", &c.agreeing, c.agrees, ""),
        ] {
            if list.is_empty() {
                continue;
            }
            let more = total - list.len();
            let _ = write!(
                s,
                "<details{open}><summary>{name} pages ({total})</summary><ul>"
            );
            for p in list {
                s.push_str(&sentence_item(p));
            }
            if more > 0 {
                let _ = write!(s, "<li class=\"muted\">and {more} more</li>");
            }
            s.push_str("</ul></details>\n");
        }
        s.push_str("</section>\n");
    }
    s.push_str("<h2 id=\"uncovered\">Uncovered figures: the worklist</h2>\n");
    if r.uncovered.is_empty() {
        s.push_str(
            "<p class=\"muted\">No uncovered figures (run <code>check --uncovered</code> to \
             find them).</p>\n",
        );
    } else {
        s.push_str(
            "<table><thead><tr><th>#</th><th>Figure</th><th>Kind</th><th>Subject</th>\
             <th class=\"num\">Sentences</th><th class=\"num\">Pages</th><th>Examples</th>\
             </tr></thead><tbody>\n",
        );
        for (i, g) in r.uncovered.iter().take(top).enumerate() {
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"stated\">{}</td><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td><ul>",
                i + 1,
                esc(&g.figure),
                esc(&g.kind),
                esc(&g.terms.join(", ")),
                g.sentences,
                g.pages
            );
            for p in &g.examples {
                s.push_str(&sentence_item(p));
            }
            s.push_str("</ul></td></tr>\n");
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</body></html>\n");
    s
}

/// One row per claim, one bar per month: agreeing (green) under conflicting (red), on one
/// scale for the whole chart.
fn chart(r: &Report) -> String {
    let months: BTreeSet<&String> = r.claims.iter().flat_map(|c| c.timeline.keys()).collect();
    if months.is_empty() {
        return "<p class=\"muted\">No dated findings: records need a <code>date</code> \
                (web archives have one).</p>\n"
            .to_string();
    }
    let months: Vec<&String> = months.into_iter().collect();
    let rows: Vec<_> = r.claims.iter().filter(|c| !c.timeline.is_empty()).collect();
    let max = rows
        .iter()
        .flat_map(|c| c.timeline.values())
        .map(|(a, c)| a + c)
        .max()
        .unwrap_or(1)
        .max(1);
    let cell = (PLOT / months.len()).clamp(4, 48);
    let width = LABEL + cell * months.len() + 10;
    let height = ROW * rows.len() + 40;
    let mut s = format!(
        "<svg id=\"chart\" role=\"img\" aria-label=\"Findings per month per claim\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    for (i, c) in rows.iter().enumerate() {
        let y = i * ROW;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><line x1=\"{LABEL}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" \
             stroke=\"#ddd\"/>",
            y + ROW - 10,
            esc(&c.id),
            width - 10,
            y + ROW - 2,
            y + ROW - 2
        );
        for (k, m) in months.iter().enumerate() {
            let Some(&(agree, conflict)) = c.timeline.get(*m) else {
                continue;
            };
            let x = LABEL + k * cell + 1;
            let h = |n: usize| (n * (ROW - 6)).div_ceil(max);
            let (ha, hc) = (h(agree), h(conflict));
            let base = y + ROW - 2;
            let w = cell.saturating_sub(2).max(2);
            let _ = write!(
                s,
                "<g><title>{} {m}: {agree} agree, {conflict} conflict</title>\
                 <rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{ha}\" fill=\"#2e7d32\"/>\
                 <rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{hc}\" fill=\"#c62828\"/></g>",
                esc(&c.id),
                base - ha,
                base - ha - hc
            );
        }
        s.push('\n');
    }
    // Month labels, thinned so they do not overlap.
    let every = (60 / cell).max(1);
    for (k, m) in months.iter().enumerate().step_by(every) {
        let _ = write!(
            s,
            "<text class=\"month\" x=\"{}\" y=\"{}\">{}</text>",
            LABEL + k * cell,
            ROW * rows.len() + 20,
            esc(m)
        );
    }
    s.push_str(
        "\n</svg>\n<p class=\"muted\">Bars: findings per month of the page's date; \
                green agrees, red conflicts.</p>\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Aggregator;

    #[test]
    fn pages_are_escaped_and_only_web_urls_linked() {
        let lines = r#"{"verdict":"conflicts","claim_id":"c<1>","text":"<b>x</b>","stated":"5","url":"javascript:alert(1)","date":"2024-01-01"}
{"verdict":"agrees","claim_id":"c<1>","text":"y","stated":"6","url":"https://e.org/?a=1&b=\"2\"","date":"2024-02-01"}"#;
        let mut a = Aggregator::default();
        a.read(lines.as_bytes(), "f").unwrap();
        let page = render(&a.finish(), 10);
        assert!(page.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!page.contains("href=\"javascript"));
        assert!(page.contains("href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\""));
        assert!(page.contains("<svg id=\"chart\""));
        assert!(!page.contains("<script"));
    }
}
