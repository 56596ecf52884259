//! Limits that keep a careless or hostile database from exhausting the machine.

/// Limits that keep a careless or hostile database from exhausting the machine: most claims
/// in all databases together.
pub const MAX_CLAIMS: usize = 100_000;
/// Most terms one claim may list (every term list and person name, `@set`s expanded).
pub const MAX_TERMS_PER_CLAIM: usize = 2_000;
/// Most terms all databases together may list, `@set`s expanded.
pub const MAX_TERMS: usize = 1_000_000;
/// Most `/pattern/` terms all databases together may list: each may compile to up to
/// [`crate::terms::PATTERN_SIZE_LIMIT`] bytes.
pub const MAX_PATTERNS: usize = 256;
/// Largest database file accepted.
pub const MAX_DB_BYTES: usize = 64 << 20;
/// Most problems listed per database file; the rest are counted in one last message.
pub const MAX_ERRORS_PER_FILE: usize = 1_000;
/// Longest term, in bytes: a long repetitive term makes the prefilter automaton's
/// construction quadratic (a 40,000-byte term took a minute to load), and no phrase a
/// sentence contains is near this long.
pub const MAX_TERM_BYTES: usize = 256;
