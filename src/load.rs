//! Loading: bytes → text. Detects the encoding (BOM, UTF-8, then chardetng's guess among
//! GB18030/GBK, Big5 and the rest) and refuses binary or undecodable input with an error that
//! names the byte offset and line, instead of passing garbage on.

use crate::error::{Error, Result};
use encoding_rs::Encoding;

/// A decoded text file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// How the file is named in reports: corpus-relative for corpus files, as given otherwise.
    pub path: String,
    /// The decoded text, without any byte-order mark.
    pub text: String,
    /// Name of the detected encoding (`UTF-8`, `GBK`, `Big5`, `UTF-16LE` …).
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// Size of the file in bytes.
    pub bytes: usize,
}

/// Decodes `bytes` read from `path`.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Loaded> {
    let fail = |message: String| Error::Decode {
        path: path.to_string(),
        message,
    };
    if bytes.is_empty() {
        return Err(fail(
            "the file is empty; a plan must contain text (check the path or the download)".into(),
        ));
    }
    let (encoding, bom, body) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, true, &bytes[len..]),
        None => {
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(fail(format!(
                    "looks binary: NUL byte at offset {at} (line {}); gongfu reads plain-text plans \
                     (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5). Convert PDF or Word files to text first",
                    line_of_offset(bytes, at)
                )));
            }
            let enc = if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                detector.guess(None, chardetng::Utf8Detection::Allow)
            };
            (enc, false, bytes)
        }
    };
    let text = match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => text.into_owned(),
        None => {
            let at = first_malformed(encoding, body);
            return Err(fail(format!(
                "not valid {} text: malformed bytes at offset {at} (line {}); re-save the file as UTF-8",
                encoding.name(),
                line_of_offset(body, at)
            )));
        }
    };
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        let (line, column) = crate::error::line_col(&text, i);
        return Err(fail(format!(
            "looks binary: control character U+{:04X} at line {line}, column {column}",
            c as u32
        )));
    }
    Ok(Loaded {
        path: path.to_string(),
        text,
        encoding: encoding.name(),
        bom,
        bytes: bytes.len(),
    })
}

/// Byte offset of the first malformed sequence, found by decoding in growing prefixes.
fn first_malformed(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

fn line_of_offset(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_decodes() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("居民人均可支配收入达到7.5万元,劳动报酬占GDP比重超过50%。");
        let loaded = decode("x.txt", &bytes).unwrap();
        assert_eq!(loaded.encoding, "GBK");
        assert_eq!(
            loaded.text,
            "居民人均可支配收入达到7.5万元,劳动报酬占GDP比重超过50%。"
        );
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "共同富裕".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let loaded = decode("x.txt", &bytes).unwrap();
        assert_eq!(loaded.encoding, "UTF-16LE");
        assert!(loaded.bom);
        assert_eq!(loaded.text, "共同富裕");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let loaded = decode("x.txt", "\u{feff}一、目标".as_bytes()).unwrap();
        assert!(loaded.bom);
        assert_eq!(loaded.text, "一、目标");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        let e = decode("e.txt", b"").unwrap_err().to_string();
        assert!(e.contains("e.txt") && e.contains("empty"), "{e}");
        let e = decode("b.bin", b"PK\x03\x04\x00\x01")
            .unwrap_err()
            .to_string();
        assert!(e.contains("binary") && e.contains("offset 4"), "{e}");
    }
}
