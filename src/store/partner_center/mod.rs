//! Microsoft Partner Center's own files and API shapes, read into the desk: the price lists
//! (the catalog) and the customer records (customers and their qualifications), and the
//! qualification requests written back in the shape Partner Center's API takes.

pub mod customers;
pub mod price_list;
