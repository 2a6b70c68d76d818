//! Which `Host` headers the dev server answers. Pure.
//!
//! A page on any web site can make the browser send requests to `127.0.0.1:PORT` under
//! its own name by pointing that name's DNS record at the loopback address (DNS
//! rebinding); the browser then treats the preview, drafts included, as that page's own
//! origin. Such a request carries the attacker's name in `Host`, so only names that
//! cannot be rebound are answered: `localhost` and names under `.localhost` (RFC 6761:
//! browsers resolve them to the loopback address themselves, never through DNS), and IP
//! literals, which involve no DNS at all: loopback addresses, the bound address, and any
//! address when bound to all interfaces.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The name part of a `Host` header.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    /// An IP literal (`127.0.0.1`, `[::1]`).
    Ip(IpAddr),
    /// A DNS name, lower case, without a trailing dot.
    Dns(String),
}

/// True when a request with `Host: host` may be answered by a server bound to `bound`.
pub fn allowed(host: &str, bound: IpAddr) -> bool {
    match name(host) {
        Some(Name::Ip(ip)) => {
            let ip = ip.to_canonical();
            ip.is_loopback() || ip == bound.to_canonical() || bound.is_unspecified()
        }
        Some(Name::Dns(name)) => name == "localhost" || name.ends_with(".localhost"),
        None => false,
    }
}

/// Parses `name[:port]` or `[v6][:port]`; `None` when malformed.
fn name(host: &str) -> Option<Name> {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if !after.is_empty() && !is_port(after.strip_prefix(':')?) {
            return None;
        }
        return inside.parse::<Ipv6Addr>().ok().map(|ip| Name::Ip(IpAddr::V6(ip)));
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return None,
        None => host,
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if let Ok(ip) = name.parse::<Ipv4Addr>() {
        return Some(Name::Ip(IpAddr::V4(ip)));
    }
    let label_ok = |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    name.split('.').all(label_ok).then_some(Name::Dns(name))
}

fn is_port(port: &str) -> bool {
    (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    #[test]
    fn loopback_names_and_addresses_are_answered() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.",
            "localhost.:1111",
            "ai.localhost:1111",
            "AI.LocalHost",
            "dev.localhost.:1111",
            "a.b.localhost",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
            " localhost:1111 ",
        ] {
            assert!(allowed(host, LOOPBACK), "{host}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "evil-localhost",
            "localhost.example.",
            "xlocalhost",
            ".localhost",
            "a..localhost",
            "10.0.0.1:1111",
            "[2001:db8::1]:1111",
            "",
            ":1111",
            "localhost:",
            "localhost:abc",
            "localhost:123456",
            "localhost:1111:1111",
            "[::1",
            "[::1]x",
            "[::1]:",
            "[evil.example]",
            "local host",
            "localhost/evil",
            "évil.localhost",
            "user@localhost",
        ] {
            assert!(!allowed(host, LOOPBACK), "{host:?}");
        }
    }

    #[test]
    fn the_bound_address_and_any_address_when_bound_to_all() {
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(allowed("192.0.2.7:1111", lan));
        assert!(allowed("localhost:1111", lan));
        assert!(!allowed("192.0.2.8:1111", lan));
        assert!(!allowed("evil.example:1111", lan));
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(allowed("192.0.2.8:1111", all) && allowed("[2001:db8::1]:1111", all));
        assert!(!allowed("evil.example:1111", all), "names still need to be loopback names");
        let v6: IpAddr = "2001:db8::5".parse().unwrap();
        assert!(allowed("[2001:db8::5]:1111", v6) && !allowed("[2001:db8::6]:1111", v6));
    }
}
