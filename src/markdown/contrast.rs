//! Readable token colours: the bundled syntax themes were made for other backgrounds,
//! and some of their colours (comments, tag names, constants) fall below the WCAG AA
//! contrast of 4.5:1 on the theme's code background. Each such colour is darkened (on a
//! light background) or lightened (on a dark one) just enough to reach it.

/// The theme's code background in light mode (`--code-bg` in `style.css`).
pub const LIGHT_CODE_BG: Rgb = Rgb(0xf6, 0xf8, 0xfa);
/// The theme's code background in dark mode (`--code-bg` in `style.css`).
pub const DARK_CODE_BG: Rgb = Rgb(0x11, 0x13, 0x19);

/// The contrast every token colour reaches (WCAG AA for normal text, with a margin for
/// rounding to whole channel values).
const TARGET: f64 = 4.6;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb`, `#rrggbb` or `#rrggbbaa` (alpha ignored).
    pub fn parse(hex: &str) -> Option<Rgb> {
        let hex = hex.strip_prefix('#')?;
        let channel = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(channel(0, 1)? * 17, channel(1, 1)? * 17, channel(2, 1)? * 17)),
            6 | 8 => Some(Rgb(channel(0, 2)?, channel(2, 2)?, channel(4, 2)?)),
            _ => None,
        }
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved towards `to` by `t` (0 to 1).
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }
}

/// `color` if it reaches the target contrast on `bg`, else the nearest mix of it with
/// black (light background) or white (dark background) that does.
pub fn readable(color: Rgb, bg: Rgb) -> Rgb {
    let extreme = if bg.luminance() > 0.18 { Rgb(0, 0, 0) } else { Rgb(255, 255, 255) };
    (0..=50)
        .map(|step| color.mix(extreme, f64::from(step) / 50.0))
        .find(|c| c.contrast(bg) >= TARGET)
        .unwrap_or(extreme)
}

/// Rewrites every `color:` of a syntect stylesheet to be readable on `code_bg`, or on
/// the rule's own `background-color` where it sets one.
pub fn readable_css(css: &str, code_bg: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        let bg = declaration(rule, "background-color").and_then(Rgb::parse).unwrap_or(code_bg);
        for line in rule.split_inclusive('\n') {
            let fixed = line.trim_start().strip_prefix("color:").and_then(|value| {
                let value = value.trim().trim_end_matches(';').trim();
                Rgb::parse(value).map(|c| line.replacen(value, &readable(c, bg).hex(), 1))
            });
            out.push_str(fixed.as_deref().unwrap_or(line));
        }
    }
    out
}

/// The value of `property` in one CSS rule (`background-color: #fff;` → `#fff`).
fn declaration<'a>(rule: &'a str, property: &str) -> Option<&'a str> {
    rule.lines().find_map(|line| {
        let value = line.trim().strip_prefix(property)?.trim_start().strip_prefix(':')?;
        Some(value.trim().trim_end_matches(';').trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((Rgb::parse("#767676").unwrap().contrast(Rgb(255, 255, 255)) - 4.54).abs() < 0.01);
    }

    #[test]
    fn faint_colours_are_darkened_on_light_and_lightened_on_dark() {
        let grey = Rgb::parse("#969896").unwrap();
        let light = readable(grey, LIGHT_CODE_BG);
        assert!(light.contrast(LIGHT_CODE_BG) >= 4.5 && light.luminance() < grey.luminance());
        let dim = Rgb::parse("#5c6370").unwrap();
        let dark = readable(dim, DARK_CODE_BG);
        assert!(dark.contrast(DARK_CODE_BG) >= 4.5 && dark.luminance() > dim.luminance());
        let ink = Rgb::parse("#323232").unwrap();
        assert_eq!(readable(ink, LIGHT_CODE_BG), ink, "a readable colour is kept");
    }

    #[test]
    fn rules_with_their_own_background_are_checked_against_it() {
        let css =
            ".hl-comment {\n color: #969896;\n}\n.hl-invalid {\n color: #ffffff;\n background-color: #f0a0a0;\n}\n";
        let out = readable_css(css, LIGHT_CODE_BG);
        assert!(!out.contains("#969896") && !out.contains("#ffffff"), "{out}");
        assert!(out.contains("background-color: #f0a0a0;"), "{out}");
    }
}
