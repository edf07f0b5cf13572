//! Per-key rule tables: the rows a rule builds from the claims under one
//! claim key, kept by article so an edit that only moves text in one
//! article rebuilds that article's rows instead of the whole table (a key
//! such as `killed/military/...` can be shared by every article of a big
//! workspace).

use std::collections::BTreeMap;

use super::Corpus;
use crate::engine::analysis::Analysis;
use crate::engine::claims::Claim;

/// Builds the row of one claim (its article key, its index, the article),
/// or `None` when the rule has nothing to compare in it.
pub(crate) type RowOf<T> = fn(&Corpus, &str, usize, &Analysis, &Claim) -> Option<T>;

/// The rows of one claim key, by article.
#[derive(Debug)]
pub(crate) struct ClaimTable<T> {
    by_doc: BTreeMap<String, Vec<T>>,
    row: RowOf<T>,
}

impl<T> ClaimTable<T> {
    /// The table of `key`, from every claim indexed under it.
    pub fn build(corpus: &Corpus, key: &str, row: RowOf<T>) -> ClaimTable<T> {
        let mut by_doc: BTreeMap<String, Vec<T>> = BTreeMap::new();
        for (doc, j, analysis, claim) in corpus.claims_under(key) {
            if let Some(r) = row(corpus, doc, j, analysis, claim) {
                match by_doc.get_mut(doc) {
                    Some(rows) => rows.push(r),
                    None => {
                        by_doc.insert(doc.clone(), vec![r]);
                    }
                }
            }
        }
        ClaimTable { by_doc, row }
    }

    /// Rebuilds the rows of `doc` from the claims now indexed under `key`.
    pub fn patch(&mut self, corpus: &Corpus, key: &str, doc: &str) {
        let rows: Vec<T> = corpus
            .claims_of_under(key, doc)
            .filter_map(|(doc, j, analysis, claim)| (self.row)(corpus, doc, j, analysis, claim))
            .collect();
        if rows.is_empty() {
            self.by_doc.remove(doc);
        } else {
            self.by_doc.insert(doc.to_string(), rows);
        }
    }

    /// Every row, by article.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.by_doc.values().flatten()
    }

    /// The rows of one article.
    pub fn of_doc(&self, doc: &str) -> &[T] {
        self.by_doc.get(doc).map_or(&[], Vec::as_slice)
    }
}
