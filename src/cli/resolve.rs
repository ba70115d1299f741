//! People type names; the desk wants ids. `C-1`, `1` and `contoso` all find
//! Contoso Ltd, as long as the name fragment is unambiguous. A number that is
//! no id on the desk is read as a name fragment: `2016` finds "Mail Server 2016".

use crate::domain::{CustomerId, Desk, IncidentId, PackId, ProductId};

fn by_name<Id: Copy + std::fmt::Display>(
    what: &str,
    query: &str,
    items: impl Iterator<Item = (Id, String)>,
    list_cmd: &str,
) -> Result<Id, String> {
    let q = query.trim().to_lowercase();
    let all: Vec<(Id, String)> = items.collect();
    if let Some((id, _)) = all.iter().find(|(_, n)| n.to_lowercase() == q) {
        return Ok(*id);
    }
    let hits: Vec<&(Id, String)> = all.iter().filter(|(_, n)| n.to_lowercase().contains(&q)).collect();
    match hits.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(format!("no {what} matches '{query}': see `incidesk {list_cmd}`")),
        many => {
            let names: Vec<String> = many.iter().map(|(id, n)| format!("{id} {n}")).collect();
            Err(format!("'{query}' matches several {what}s ({}): give the id", names.join(", ")))
        }
    }
}

pub fn customer(desk: &Desk, query: &str) -> Result<CustomerId, String> {
    if let Ok(id) = query.parse::<CustomerId>()
        && desk.customer(id).is_some()
    {
        return Ok(id);
    }
    by_name("customer", query, desk.customers.iter().map(|c| (c.id, c.name.clone())), "customers")
}

pub fn product(desk: &Desk, query: &str) -> Result<ProductId, String> {
    if let Ok(id) = query.parse::<ProductId>()
        && desk.product(id).is_some()
    {
        return Ok(id);
    }
    by_name("product", query, desk.products.iter().map(|p| (p.id, p.name.clone())), "products")
}

pub fn pack(query: &str) -> Result<PackId, String> {
    query.parse()
}

pub fn incident(query: &str) -> Result<IncidentId, String> {
    query.parse()
}
