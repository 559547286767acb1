//! Microsoft's price lists (the new-commerce license-based list and the software list) read into a catalog.
