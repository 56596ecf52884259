//! Prose structure: tokens, the normalised sentence view ([`Words`]), paragraphs and
//! sentences, and line/column positions, all as byte spans into the text.

pub(crate) mod line_index;
mod segment;
mod tokens;
mod words;

pub use line_index::{LineIndex, line_col};
pub use segment::{MAX_SENTENCE_BYTES, paragraph_bounds, paragraphs, sentences, split_sentences};
pub use tokens::{TokKind, Token, is_group_space, is_invisible, tokenize};
pub use words::{Words, is_joiner, normalize};
