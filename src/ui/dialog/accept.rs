//! What a text field accepts, for fields whose values have a shape (an
//! account is an e-mail address, an order number one word): the hint says
//! it, a character that can't belong is refused as it is typed, and a
//! value of the wrong shape is refused on submit, naming the field.

/// The shape of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Accept {
    #[default]
    Any,
    /// An account: an e-mail address.
    Email,
    /// An order confirmation number: letters, digits and `-` `/` `_` `.`.
    OrderNumber,
}

impl Accept {
    /// What the field takes, for its hint and its refusals.
    pub fn describe(self) -> &'static str {
        match self {
            Accept::Any => "any text",
            Accept::Email => "an e-mail address, e.g. lena.holm@contoso.com",
            Accept::OrderNumber => "letters, digits and - / _ . e.g. LW-ORD-2025-120377",
        }
    }

    /// Whether `c` can be part of such a value.
    pub fn allows(self, c: char) -> bool {
        match self {
            Accept::Any => true,
            Accept::Email => !c.is_whitespace() && !"\"(),:;<>[\\]".contains(c),
            Accept::OrderNumber => c.is_alphanumeric() || "-/_.".contains(c),
        }
    }

    /// Whether the whole (trimmed, non-empty) value has the shape.
    pub fn check(self, value: &str) -> Result<(), String> {
        let ok = match self {
            Accept::Any | Accept::OrderNumber => value.chars().all(|c| self.allows(c)),
            Accept::Email => {
                let (local, domain) = value.split_once('@').unwrap_or(("", ""));
                value.chars().all(|c| self.allows(c))
                    && !local.is_empty()
                    && !domain.contains('@')
                    && domain.split('.').count() >= 2
                    && domain.split('.').all(|part| !part.is_empty())
            }
        };
        if ok { Ok(()) } else { Err(format!("'{value}' is not {}", self.describe())) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_e_mail_addresses() {
        assert!(Accept::Email.check("lena.holm@contoso.com").is_ok());
        assert!(Accept::Email.check("sql-team+ops@eu.contoso.com").is_ok());
        for wrong in
            ["hello world", "hello", "@contoso.com", "lena@", "lena@contoso", "a@b@c.com", "a@b..com"]
        {
            assert!(Accept::Email.check(wrong).is_err(), "{wrong}");
        }
        assert!(!Accept::Email.allows(' '));
        assert!(Accept::Email.allows('ö'), "international addresses");
    }

    #[test]
    fn order_numbers_are_one_word() {
        assert!(Accept::OrderNumber.check("LW-ORD-2025-120377").is_ok());
        assert!(Accept::OrderNumber.check("LW ORD").is_err());
        assert!(!Accept::OrderNumber.allows('#'));
        assert!(Accept::Any.allows(' '));
    }
}
