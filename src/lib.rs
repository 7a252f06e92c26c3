//! corroborate: checks a news draft's persons, dates and durations against
//! the source articles of its story.
//!
//! The core (`article`, `claims`, `lexicon`, `text`) is pure: plain types and
//! byte offsets, no protocol, no I/O besides what callers hand it.

pub mod article;
pub mod check;
pub mod claims;
pub mod cli;
pub mod context;
pub mod corpus;
pub mod draft;
pub mod happenings;
pub mod i18n;
pub mod index;
pub mod lexicon;
pub mod lsp;
pub mod names;
pub mod project;
pub mod report;
pub mod store;
pub mod text;
pub mod zones;

/// mimalloc for every program built on the library (the server, the CLI, the
/// benchmarks): reading articles makes many small, short-lived allocations,
/// where it is faster than the system allocator and returns memory better.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
