//! Where a plan's call to action ends when it names no page: the domain's sales contact
//! from `site.yaml`, as a `mailto:` link with the product and plan in the subject, or as
//! a form posting both to the configured endpoint. Either works without a server of ours.

use serde::Serialize;

use crate::config::Contact;

/// A form that posts the product and plan to an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormView {
    /// The endpoint (`action`).
    pub action: String,
    /// Product name, sent as `product`.
    pub product: String,
    /// Plan name, sent as `plan`.
    pub plan: String,
}

/// What a contact call to action becomes: a link (`mailto:`) or a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `mailto:sales@…?subject=…`.
    Mail(String),
    /// A form posting to `contact.form`.
    Form(FormView),
}

/// The subject a buyer's message starts with: `Factory — Business`.
pub fn subject(product: &str, plan: &str) -> String {
    format!("{product} — {plan}")
}

/// The contact action for `product`'s `plan` on a domain with `contact`.
pub fn action(contact: &Contact, product: &str, plan: &str) -> Action {
    match &contact.form {
        Some(endpoint) => {
            Action::Form(FormView { action: endpoint.clone(), product: product.to_owned(), plan: plan.to_owned() })
        }
        None => Action::Mail(mailto(&contact.sales, &subject(product, plan))),
    }
}

/// Where a contact call to action goes, as one URL: the `mailto:` link or the form's
/// endpoint; empty without a contact.
pub fn href(contact: Option<&Contact>, product: &str, plan: &str) -> String {
    match contact.map(|c| action(c, product, plan)) {
        Some(Action::Mail(href)) => href,
        Some(Action::Form(form)) => form.action,
        None => String::new(),
    }
}

/// `mailto:` a `to` address with a subject, percent-encoded as RFC 6068 asks.
pub fn mailto(to: &str, subject: &str) -> String {
    format!("mailto:{to}?subject={}", encode(subject))
}

/// Percent-encodes every byte except the unreserved ones (letters, digits, `-._~`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A plausible email address: one `@`, something on both sides, no space, no URL syntax.
pub fn is_address(text: &str) -> bool {
    let Some((user, host)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && text.chars().all(|c| c.is_ascii_graphic() && !"@?&#/:<>\"'\\%".contains(c) || c == '@')
        && text.matches('@').count() == 1
}

/// E058 for every `contact:` address in `site.yaml` that is not an email address, and a
/// form endpoint the URL policy refuses or that is not `https://`.
pub fn check_config(config: &crate::config::Config) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Code, Diagnostic};
    let path = std::path::Path::new(crate::config::CONFIG_PATH);
    let text = config.text.as_str();
    let at = |needle: &str, message: String, hint: &str| {
        let line = text.lines().position(|l| l.contains(needle)).map_or(1, |i| i + 1);
        let column = crate::diagnostics::column_of(text, line, needle);
        Diagnostic::error(path, line, column, message).with_code(Code::E058).with_source(text).with_hint(hint)
    };
    let mut out = Vec::new();
    for (domain, contact) in config.domains.iter().filter_map(|d| d.contact.as_ref().map(|c| (d, c))) {
        for (role, address) in contact.addresses().into_iter().filter(|(_, a)| !is_address(a)) {
            let message = format!("{}: the {role} contact `{address}` is not an email address", domain.key);
            out.push(at(address, message, "write a plain address, e.g. `sales@example.com`"));
        }
        if let Some(form) = contact.form.as_deref().filter(|f| !f.starts_with("https://")) {
            let message = format!("{}: the contact form `{form}` is not an https:// URL", domain.key);
            out.push(at(form, message, "a form posts the buyer's details: give an `https://` endpoint"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(form: Option<&str>) -> Contact {
        Contact { sales: "sales@example.com".into(), form: form.map(str::to_owned), ..Contact::default() }
    }

    #[test]
    fn mail_carries_product_and_plan_in_the_subject() {
        let a = action(&contact(None), "Factory", "Self-hosted");
        assert_eq!(a, Action::Mail("mailto:sales@example.com?subject=Factory%20%E2%80%94%20Self-hosted".into()));
        assert_eq!(encode("a&b=c ?"), "a%26b%3Dc%20%3F");
        assert_eq!(encode("צ"), "%D7%A6");
    }

    #[test]
    fn a_form_endpoint_wins() {
        let Action::Form(form) = action(&contact(Some("https://forms.example/x")), "Audit", "Business") else {
            panic!("expected a form");
        };
        assert_eq!(
            (form.action.as_str(), form.product.as_str(), form.plan.as_str()),
            ("https://forms.example/x", "Audit", "Business")
        );
    }

    #[test]
    fn addresses_are_checked() {
        assert!(is_address("sales@connectsoft.ai"));
        for bad in ["sales", "@x.io", "a@b", "a b@c.io", "a@b.io?cc=x", "a@@b.io", "a@.io"] {
            assert!(!is_address(bad), "{bad}");
        }
    }
}
