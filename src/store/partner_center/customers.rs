//! Customers and their qualifications from Partner Center: the API resources as a partner's scripts fetch them, and the `Customers.csv` export.
