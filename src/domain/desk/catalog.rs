//! Replacing the catalog with a price list's (docs/RULES.md §9a).

use super::{role_check, Desk};
use crate::domain::audit::{Change, Entity};
use crate::domain::catalog::{Catalog, PriceBasis};
use crate::domain::context::OperationContext;
use crate::domain::roles::Operation;
use crate::domain::Reason;

impl Desk {
    /// Records in the audit log that the desk now sells from `catalog`, a price list's; the
    /// store keeps the catalog itself. Managing the desk's data is the role's to do. Existing
    /// subscriptions keep their offer data: an offer that left the catalog still names them
    /// (`Subscription::offer_name`).
    pub fn replace_catalog(
        &mut self,
        ctx: OperationContext,
        catalog: &Catalog,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::ManageData)?;
        let PriceBasis::PriceList { market, as_of } = &catalog.prices else {
            return Ok(()); // the sample catalog is not an event of the partner's business
        };
        let change = Change::CatalogReplaced {
            market: market.clone(),
            as_of: *as_of,
            currency: catalog.currency.clone(),
            offers: catalog.offers.len() as u32,
        };
        self.log_as(ctx, Entity::Partner, change);
        Ok(())
    }
}
