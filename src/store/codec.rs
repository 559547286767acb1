//! The compact text encoding of stored buckets: JSON, deflated, then packed 15 bits to a
//! character. `localStorage` counts UTF-16 code units, and every character in
//! `U+1000..=U+8FFF` is one code unit (none is a surrogate), so each stored character carries
//! almost two bytes. A value starting with `{` is read as plain JSON (readable fixtures, hand
//! repairs); the app always writes the packed form.

use std::io::{Read, Write};

use flate2::bufread::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

/// Marks a packed value: `Z<byte length>:<packed characters>`.
const MARK: char = 'Z';
/// The first character of the packed alphabet.
const BASE: u32 = 0x1000;
/// Level 5, not zlib's default 6: every save pays the deflating (an import or the sample most),
/// and at 5 zlib-rs takes about a third less time than miniz_oxide did at the same level, for 3%
/// less stored text (docs/PERFORMANCE.md). Values stored at any level, by either, read alike.
const LEVEL: u32 = 5;
/// Refuse to inflate more than this (a hostile or broken value must not exhaust memory).
const MAX_INFLATED: usize = 64 * 1024 * 1024;

/// JSON text → stored text.
pub fn encode(json: &str) -> String {
    pack(&deflate(json.as_bytes(), LEVEL))
}

/// Raw deflate (no zlib header) at `level`.
fn deflate(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder =
        DeflateEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::new(level));
    encoder
        .write_all(bytes)
        .expect("deflating into a Vec does not fail");
    encoder
        .finish()
        .expect("deflating into a Vec does not fail")
}

/// Deflated bytes → `Z<byte length>:<packed characters>`.
fn pack(deflated: &[u8]) -> String {
    let mut out = String::with_capacity(deflated.len() / 2 + 12);
    out.push(MARK);
    out.push_str(&deflated.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in deflated {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(unit((acc >> bits) & 0x7fff));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(unit((acc << (15 - bits)) & 0x7fff));
    }
    out
}

fn unit(v: u32) -> char {
    char::from_u32(BASE + v).expect("U+1000..=U+8FFF are characters")
}

/// Stored text → JSON text. Plain JSON passes through.
pub fn decode(stored: &str) -> Result<String, String> {
    let Some(rest) = stored.strip_prefix(MARK) else {
        return Ok(stored.to_owned());
    };
    let (len, packed) = rest
        .split_once(':')
        .ok_or("packed value without a length")?;
    let len: usize = len.parse().map_err(|_| "packed value with a bad length")?;
    if len > MAX_INFLATED {
        return Err("packed value too long".into());
    }
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    // Read as UTF-8 bytes, not chars: every character of the alphabet is three bytes with a
    // lead byte of E1..=E8 (U+1000..=U+8FFF), which is all there is to check in a valid `str`.
    let units = packed.as_bytes().chunks(3);
    for unit in units {
        let [lead, b1, b2] = *unit else {
            return Err("packed value with a foreign character".into());
        };
        if !(0xE1..=0xE8).contains(&lead) {
            return Err("packed value with a foreign character".into());
        }
        let v =
            ((u32::from(lead) & 0x0f) << 12 | (u32::from(b1) & 0x3f) << 6 | (u32::from(b2) & 0x3f))
                - BASE;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bytes.len() != len {
        return Err("packed value cut short".into());
    }
    // The desk's JSON deflates to about a sixth: room for that, grown if a value needs more.
    let mut inflated = Vec::with_capacity(len.saturating_mul(6).min(MAX_INFLATED));
    DeflateDecoder::new(bytes.as_slice())
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut inflated)
        .map_err(|e| format!("packed value does not inflate: {e}"))?;
    if inflated.len() > MAX_INFLATED {
        return Err("packed value too long".into());
    }
    String::from_utf8(inflated).map_err(|_| "packed value is not UTF-8".into())
}

/// How many UTF-16 code units a string takes in `localStorage` (what the quota counts).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_shrinks() {
        let json = r#"{"a":[1,2,3],"name":"Zoë <b>"}"#.repeat(50);
        let packed = encode(&json);
        assert!(utf16_len(&packed) * 3 < json.len());
        assert_eq!(decode(&packed).unwrap(), json);
        assert_eq!(decode("{\"plain\":1}").unwrap(), "{\"plain\":1}");
        for n in 0..40 {
            let s: String = "xyz€".repeat(n);
            assert_eq!(decode(&encode(&s)).unwrap(), s);
        }
    }

    #[test]
    fn values_deflated_at_another_level_read_alike() {
        // Earlier versions deflated with miniz_oxide, at level 6 and then 5.
        let json = r#"{"id":"c1","name":"Łódź Gymnasium"}"#.repeat(40);
        for level in [1, 5, 6, 9] {
            let stored = pack(&miniz_oxide::deflate::compress_to_vec(
                json.as_bytes(),
                level,
            ));
            assert_eq!(decode(&stored).unwrap(), json, "miniz_oxide, level {level}");
            let stored = pack(&deflate(json.as_bytes(), u32::from(level)));
            assert_eq!(decode(&stored).unwrap(), json, "level {level}");
        }
    }

    #[test]
    fn a_deflated_value_cut_short_is_an_error() {
        let json = r#"{"id":"c1","name":"Łódź Gymnasium"}"#.repeat(40);
        let deflated = deflate(json.as_bytes(), LEVEL);
        let cut = pack(&deflated[..deflated.len() / 2]);
        assert!(decode(&cut).is_err());
    }

    #[test]
    fn broken_values_are_errors_not_panics() {
        for bad in [
            "Z",
            "Z5",
            "Z5:",
            "Zx:abc",
            "Z3:\u{1000}",
            "Z2:\u{0041}\u{0042}",
            // Just outside the alphabet, and a two-byte character shifting the rest.
            "Z3:\u{1000}\u{9000}",
            "Z3:\u{0fff}\u{1000}",
            "Z3:é\u{1000}",
            "Z99999999999:",
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
