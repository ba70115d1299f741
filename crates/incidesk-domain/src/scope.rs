//! R10, R11: what is not an incident, refused at intake with what to do instead.

use super::model::Category;
use super::refusal::Refusal;

/// R10/R11: only `support` requests become incidents; no credit is used otherwise.
pub fn check_category(category: Category) -> Result<(), Refusal> {
    let out_of_scope = |what: &str, instead: &str| {
        Err(Refusal::rule(
            10,
            format!("{what} is out of scope for professional support and takes no credit; {instead}"),
        ))
    };
    match category {
        Category::Support => Ok(()),
        Category::FeatureSuggestion => {
            out_of_scope("a product feature suggestion", "send it to the product feedback channel")
        }
        Category::OnSite => out_of_scope("on-site support", "offer remote sessions instead"),
        Category::RootCauseAnalysis => {
            out_of_scope("root-cause analysis", "the incident can restore service, not analyse the cause")
        }
        Category::CustomCode => {
            out_of_scope("writing or reviewing custom code", "refer the customer to a consulting partner")
        }
        Category::DeveloperApi => out_of_scope(
            "developer support for add-ins and APIs (e.g. Office 365 add-ins, Microsoft Graph)",
            "refer the customer to the developer support channel",
        ),
        Category::SecurityResponse => {
            out_of_scope("security incident response", "refer the customer to the security response team")
        }
        Category::CardBilling => Err(Refusal::rule(
            11,
            "questions about credit card charges are not incidents and cost nothing: \
             send the customer to the vendor's account portal",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r10_every_exclusion_is_refused_with_r10() {
        let excluded = [
            Category::FeatureSuggestion,
            Category::OnSite,
            Category::RootCauseAnalysis,
            Category::CustomCode,
            Category::DeveloperApi,
            Category::SecurityResponse,
        ];
        for c in excluded {
            let r = check_category(c).expect_err("must refuse");
            assert_eq!(r.rule.map(|r| r.0), Some(10), "{c}");
            assert!(r.why.contains("out of scope"), "{c}: {}", r.why);
        }
        assert!(check_category(Category::Support).is_ok());
    }

    #[test]
    fn r11_card_billing_goes_to_the_account_portal() {
        let r = check_category(Category::CardBilling).expect_err("must refuse");
        assert_eq!(r.rule.map(|r| r.0), Some(11));
        assert!(r.why.contains("account portal"));
    }
}
