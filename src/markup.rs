//! Reading markup: the prose of a Markdown or HTML file, with a map from every byte of that
//! prose back to the source, so findings land on the right characters of the original file.
//!
//! The checker runs on [`Prose::text`]; code, front matter, comments, tags, attributes and
//! URLs never reach it. Blocks (paragraphs, headings, list items, table cells) are separated
//! by a blank line, which is what the checker treats as a paragraph break.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Every character is prose.
    Text,
    /// CommonMark with tables, footnotes, strikethrough, task lists and front matter.
    Markdown,
    /// HTML: text content only.
    Html,
}

impl Format {
    /// The format a path's extension implies: `.md`, `.markdown`, `.mdx` are Markdown; `.html`,
    /// `.htm`, `.xhtml` are HTML; everything else (`.txt` included) is plain text.
    pub fn from_path(path: &str) -> Format {
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdx" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }

    /// The format's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

/// One stretch of prose and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Where the stretch starts in the prose.
    prose: usize,
    /// Where its source starts.
    source: usize,
    /// Length of the source bytes it stands for.
    source_len: usize,
    /// The prose is a byte-for-byte copy of the source (offsets map one to one); otherwise it
    /// stands for the whole source range (a decoded entity, an escape, a block separator).
    verbatim: bool,
}

/// The prose of a document and the way back to its source.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// What the checker reads.
    pub text: String,
    /// Sorted by `prose`; empty for plain text, where prose and source are the same.
    segments: Vec<Segment>,
    identity: bool,
}

impl Prose {
    /// Plain text: the prose is the source.
    pub fn plain(text: &str) -> Prose {
        Prose {
            text: text.to_string(),
            segments: Vec::new(),
            identity: true,
        }
    }

    /// The map of plain text checked in place: every offset maps to itself, and `text` is
    /// left empty (the caller checks the source itself).
    pub fn identity() -> Prose {
        Prose {
            identity: true,
            ..Prose::default()
        }
    }

    /// Reads `source` in `format`.
    pub fn read(format: Format, source: &str) -> Prose {
        match format {
            Format::Text => Prose::plain(source),
            Format::Markdown => markdown(source),
            Format::Html => html(source),
        }
    }

    /// The source offset of the prose offset `at`, as the start of a span.
    pub fn source_start(&self, at: usize) -> usize {
        self.map(at, false)
    }

    /// The source offset of the prose offset `at`, as the end of a span.
    pub fn source_end(&self, at: usize) -> usize {
        self.map(at, true)
    }

    /// The source range of a prose range.
    pub fn source_range(&self, r: &Range<usize>) -> Range<usize> {
        let start = self.source_start(r.start);
        let end = self.source_end(r.end).max(start);
        start..end
    }

    fn map(&self, at: usize, as_end: bool) -> usize {
        if self.identity {
            return at;
        }
        // The segment holding `at`; an end offset belongs to the segment it closes.
        let probe = if as_end { at.saturating_sub(1) } else { at };
        let i = self.segments.partition_point(|s| s.prose <= probe);
        let Some(seg) = i.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return 0;
        };
        let seg_end = self
            .segments
            .get(i)
            .map_or(self.text.len(), |next| next.prose);
        let inside = at.saturating_sub(seg.prose).min(seg_end - seg.prose);
        if seg.verbatim {
            seg.source + inside.min(seg.source_len)
        } else if as_end && inside > 0 {
            seg.source + seg.source_len
        } else {
            seg.source
        }
    }

    fn push_verbatim(&mut self, s: &str, source: usize) {
        if s.is_empty() {
            return;
        }
        self.segments.push(Segment {
            prose: self.text.len(),
            source,
            source_len: s.len(),
            verbatim: true,
        });
        self.text.push_str(s);
    }

    fn push_replaced(&mut self, s: &str, source: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.segments.push(Segment {
            prose: self.text.len(),
            source: source.start,
            source_len: source.len(),
            verbatim: false,
        });
        self.text.push_str(s);
    }

    /// Ends a block: the next prose starts a new paragraph.
    fn block_break(&mut self, source: usize) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let sep = if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.push_replaced(sep, source..source);
    }

    /// Text the parser may have changed (escapes, entities): verbatim when it is the source.
    fn push_text(&mut self, s: &str, src: &str, range: Range<usize>) {
        if src.get(range.clone()) == Some(s) {
            self.push_verbatim(s, range.start);
        } else {
            self.push_replaced(s, range);
        }
    }
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Markdown through a CommonMark parser: text, emphasis, link text, headings, list items and
/// table cells are prose; code, HTML, front matter and URLs are not.
fn markdown(src: &str) -> Prose {
    let mut p = Prose::default();
    // Depth inside content that is not prose (code blocks, front matter).
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::CodeBlock(_) | Tag::MetadataBlock(_)) {
                    skip += 1;
                }
                if starts_block(&tag) {
                    p.block_break(range.start);
                }
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) {
                    skip = skip.saturating_sub(1);
                }
                if ends_block(tag) {
                    p.block_break(range.end);
                }
            }
            Event::Text(t) if skip == 0 => p.push_text(&t, src, range),
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                p.push_replaced("\n", range);
            }
            // Inline code, math, HTML, footnote marks and rules are not prose. Inline code
            // leaves a space so the words around it stay apart.
            Event::Code(_) | Event::InlineMath(_) if skip == 0 => {
                p.push_replaced(" ", range);
            }
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => p.block_break(range.start),
            _ => {}
        }
    }
    p
}

fn starts_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn ends_block(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Elements whose content is never prose.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "code", "pre", "textarea", "template", "noscript", "svg", "math", "kbd",
    "samp", "var", "head",
];

/// Elements that start or end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// HTML: the text between tags, entities decoded. Comments, doctypes, processing
/// instructions, attributes, and the content of `<script>`, `<style>`, `<code>`, `<pre>` (and a
/// few other non-prose elements) are skipped. Forgiving like a browser: an unclosed tag or
/// comment ends the document, never an error.
fn html(src: &str) -> Prose {
    let mut p = Prose::default();
    let b = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(tag) = html_tag(src, i) else {
            i += 1;
            continue;
        };
        html_text(&mut p, src, text_start..i);
        i = tag.end;
        if let Some(name) = tag.name {
            let lower = name.to_ascii_lowercase();
            if BLOCK_ELEMENTS.contains(&lower.as_str()) {
                p.block_break(tag.start);
            }
            if !tag.closing && !tag.self_closing && SKIPPED_ELEMENTS.contains(&lower.as_str()) {
                i = skip_element(src, i, &lower);
                p.block_break(i);
            }
        }
        text_start = i;
    }
    html_text(&mut p, src, text_start..b.len());
    p
}

/// A markup construct starting with `<`.
struct HtmlTag<'a> {
    start: usize,
    end: usize,
    /// The element name of a start or end tag; `None` for comments and declarations.
    name: Option<&'a str>,
    closing: bool,
    self_closing: bool,
}

fn html_tag(src: &str, start: usize) -> Option<HtmlTag<'_>> {
    let rest = &src[start..];
    let b = rest.as_bytes();
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(src.len(), |e| start + 4 + e + 3);
        return Some(HtmlTag {
            start,
            end,
            name: None,
            closing: false,
            self_closing: false,
        });
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(src.len(), |e| start + e + 1);
        return Some(HtmlTag {
            start,
            end,
            name: None,
            closing: false,
            self_closing: false,
        });
    }
    let closing = b.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    // A tag name starts with an ASCII letter; "a < b" is text.
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_len = b[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    let name = &rest[name_start..name_start + name_len];
    // Find the closing '>' outside quoted attribute values.
    let mut quote = None;
    let mut j = name_start + name_len;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                return Some(HtmlTag {
                    start,
                    end: start + j + 1,
                    name: Some(name),
                    closing,
                    self_closing: j > 0 && b[j - 1] == b'/',
                });
            }
            None => {}
        }
        j += 1;
    }
    // An unclosed tag runs to the end of the document.
    Some(HtmlTag {
        start,
        end: src.len(),
        name: Some(name),
        closing,
        self_closing: false,
    })
}

/// The offset just past `</name ...>` (ASCII case-insensitive), or the end of the document.
fn skip_element(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let mut i = from;
    while let Some(k) = src[i..].find("</") {
        let at = i + k;
        let after = at + 2;
        let matches_name = b.len() >= after + name.len()
            && b[after..after + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !b
                .get(after + name.len())
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if matches_name {
            return src[after..].find('>').map_or(src.len(), |e| after + e + 1);
        }
        i = after;
    }
    src.len()
}

/// Copies text between tags, decoding character references.
fn html_text(p: &mut Prose, src: &str, range: Range<usize>) {
    let text = &src[range.clone()];
    let mut copied = 0;
    let mut search = 0;
    while let Some(k) = text[search..].find('&') {
        let at = search + k;
        search = at + 1;
        let Some(len) = reference_len(&text[at..]) else {
            continue;
        };
        let reference = &text[at..at + len];
        let decoded = html_escape::decode_html_entities(reference);
        if decoded == reference {
            continue; // not a known entity: leave it as written
        }
        p.push_verbatim(&text[copied..at], range.start + copied);
        p.push_replaced(&decoded, range.start + at..range.start + at + len);
        copied = at + len;
        search = copied;
    }
    p.push_verbatim(&text[copied..], range.start + copied);
}

/// The length of `&name;`, `&#123;` or `&#x1F;` at the start of `s`.
fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let body = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    (body > 0 && b.get(1 + body) == Some(&b';')).then_some(body + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(format: Format, src: &str) -> Prose {
        Prose::read(format, src)
    }

    /// The source text at the prose span of `needle`.
    fn source_of<'a>(p: &Prose, src: &'a str, needle: &str) -> &'a str {
        let at = p.text.find(needle).expect("needle in prose");
        &src[p.source_range(&(at..at + needle.len()))]
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_path("a/b.MD"), Format::Markdown);
        assert_eq!(Format::from_path("x.mdx"), Format::Markdown);
        assert_eq!(Format::from_path("x.htm"), Format::Html);
        assert_eq!(Format::from_path("x.txt"), Format::Text);
        assert_eq!(Format::from_path("README"), Format::Text);
    }

    #[test]
    fn markdown_keeps_prose_and_drops_code() {
        let src = "---\ntitle: 9,000 pounds\n---\n\n# Deaths\n\nSome **86%** of [them](http://x.org/86) were `68%` here.\n\n```\n41% in code\n```\n\n    indented 41%\n\n<!-- 41% in a comment -->\n\n- item one\n- item *two*\n";
        let p = prose(Format::Markdown, src);
        assert!(!p.text.contains("9,000"), "{:?}", p.text);
        assert!(!p.text.contains("41%"), "{:?}", p.text);
        assert!(!p.text.contains("x.org"), "{:?}", p.text);
        assert!(!p.text.contains("68%"), "{:?}", p.text);
        assert!(
            p.text.contains("Some 86% of them were   here."),
            "{:?}",
            p.text
        );
        assert!(p.text.contains("Deaths\n\n"), "{:?}", p.text);
        assert!(p.text.contains("item one\n\nitem two"), "{:?}", p.text);
        assert_eq!(source_of(&p, src, "86%"), "86%");
        assert_eq!(source_of(&p, src, "them"), "them");
        assert_eq!(source_of(&p, src, "item two"), "item *two");
    }

    #[test]
    fn markdown_escapes_and_entities_map_to_their_source() {
        let src = "Tom &amp; Jerry said 5\\* stars.";
        let p = prose(Format::Markdown, src);
        assert_eq!(p.text.trim_end(), "Tom & Jerry said 5* stars.");
        assert_eq!(source_of(&p, src, "&"), "&amp;");
        assert_eq!(source_of(&p, src, "Jerry"), "Jerry");
        assert_eq!(source_of(&p, src, "5* stars"), "5\\* stars");
    }

    #[test]
    fn html_text_only_with_entities() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body>\n<p class=\"a>b\">Some&nbsp;86&#37; of <b>them</b> don&#8217;t.</p><script>var x = '41%';</script><pre>41%</pre><p>x &bogus; y</p>";
        let p = prose(Format::Html, src);
        assert!(!p.text.contains("41%"), "{:?}", p.text);
        assert!(!p.text.contains("class"), "{:?}", p.text);
        assert!(
            p.text.contains("Some\u{a0}86% of them don\u{2019}t."),
            "{:?}",
            p.text
        );
        assert!(p.text.contains("x &bogus; y"), "{:?}", p.text);
        assert_eq!(source_of(&p, src, "86%"), "86&#37;");
        assert_eq!(source_of(&p, src, "them"), "them");
    }

    #[test]
    fn html_never_fails_on_broken_markup() {
        for src in [
            "<p>unclosed",
            "<!-- open",
            "<a href=\"x",
            "a < b > c",
            "<",
            "&",
            "&#;",
        ] {
            let p = prose(Format::Html, src);
            for i in 0..=p.text.len() {
                let s = p.source_start(i);
                assert!(s <= src.len());
            }
        }
    }

    #[test]
    fn plain_text_maps_to_itself() {
        let p = Prose::plain("abc");
        assert_eq!(p.source_range(&(1..2)), 1..2);
    }
}
