//! What a number means: [`PageId`] picks one of the site's pages, [`DomainId`] one of
//! the configured domains. Distinct types, so a page index cannot be passed where a
//! domain index is expected; [`PerPage`] is a list aligned with the pages, indexed by
//! [`PageId`] only. A foundation: no stage of the pipeline, imports nothing.

use std::ops::{Index, IndexMut};

/// One page of the site: its position in load order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(usize);

impl PageId {
    /// The page at position `index` in load order.
    pub const fn new(index: usize) -> PageId {
        PageId(index)
    }

    /// Its position in load order.
    pub const fn index(self) -> usize {
        self.0
    }
}

/// One domain: its position in `site.yaml`'s `domains`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainId(usize);

impl DomainId {
    /// The domain at position `index` in `site.yaml`.
    pub const fn new(index: usize) -> DomainId {
        DomainId(index)
    }

    /// Its position in `site.yaml`.
    pub const fn index(self) -> usize {
        self.0
    }
}

/// One value per page, in load order, indexed by [`PageId`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPage<T>(Vec<T>);

impl<T> PerPage<T> {
    /// How many pages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no pages.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `page`, if there is such a page.
    pub fn get(&self, page: PageId) -> Option<&T> {
        self.0.get(page.0)
    }

    /// The values, in load order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Every page with its value, in load order.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (PageId, &T)> + '_ {
        self.0.iter().enumerate().map(|(i, v)| (PageId(i), v))
    }

    /// Every page, in load order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = PageId> {
        (0..self.0.len()).map(PageId)
    }

    /// The values as a slice, in load order.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> Default for PerPage<T> {
    fn default() -> Self {
        PerPage(Vec::new())
    }
}

impl<T> From<Vec<T>> for PerPage<T> {
    fn from(values: Vec<T>) -> Self {
        PerPage(values)
    }
}

impl<T> FromIterator<T> for PerPage<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PerPage(iter.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a PerPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> Index<PageId> for PerPage<T> {
    type Output = T;
    fn index(&self, page: PageId) -> &T {
        &self.0[page.0]
    }
}

impl<T> IndexMut<PageId> for PerPage<T> {
    fn index_mut(&mut self, page: PageId) -> &mut T {
        &mut self.0[page.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_page_is_indexed_by_page_id() {
        let list: PerPage<&str> = vec!["a", "b"].into();
        assert_eq!(list[PageId::new(1)], "b");
        assert_eq!(list.get(PageId::new(2)), None);
        assert_eq!(list.enumerate().map(|(id, v)| (id.index(), *v)).collect::<Vec<_>>(), [(0, "a"), (1, "b")]);
        assert_eq!(list.ids().collect::<Vec<_>>(), [PageId::new(0), PageId::new(1)]);
    }
}
