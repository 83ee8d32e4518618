//! QR codes drawn by Steady itself, so that words and numbers reach the owner's phone through
//! its camera: no account, no server, no cable. A code is kept as the SVG path of its dark
//! modules, which the window draws in an `<svg>` element (no image, nothing remote, no HTML)
//! and the printouts write inline.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Medium error correction: a smudged or creased code still reads (about 15 % may be lost).
const EC_LEVEL: EcLevel = EcLevel::M;
/// The blank margin a reader needs around a code, in modules.
pub const QUIET_ZONE: usize = 4;
/// The most a code on screen may hold and still be read by a phone camera at arm's length:
/// version 15 at medium correction (77 modules a side) holds 412 bytes. A longer text is cut
/// into parts.
const MAX_SCREEN_VERSION: i16 = 15;
/// On paper a code grows with what it holds (half a millimetre a module, [`QrImage::paper_mm`]),
/// so it may hold more: version 25 (117 modules, 6 cm) holds about a kilobyte.
const MAX_PAPER_VERSION: i16 = 25;
/// ECI 26 says the bytes are UTF-8, so accents and emoji read back as they were written.
const UTF8_ECI: u32 = 26;

/// One code, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QrImage {
    /// Modules a side, quiet zone included: the `viewBox` is `0 0 size size`.
    pub size: u32,
    /// The dark modules as one SVG path in module units, to fill in black on white.
    pub path: String,
    /// What the code holds (what a phone reads from it).
    pub payload: String,
}

impl QrImage {
    /// The code for `payload` on screen, or `None` when it is too long for one readable code.
    pub fn new(payload: &str) -> Option<Self> {
        Self::up_to(payload, MAX_SCREEN_VERSION)
    }

    /// The code for `payload` on paper, or `None` when it is too long for one.
    pub fn for_paper(payload: &str) -> Option<Self> {
        Self::up_to(payload, MAX_PAPER_VERSION)
    }

    fn up_to(payload: &str, max_version: i16) -> Option<Self> {
        let code = encode(payload.as_bytes(), max_version)?;
        let width = code.width();
        let colors = code.to_colors();
        let mut path = String::new();
        for (y, row) in colors.chunks(width).enumerate() {
            // One rectangle per run of dark modules in a row keeps the path short.
            let mut x = 0;
            while x < width {
                if row[x] != Color::Dark {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            }
        }
        Some(Self {
            size: u32::try_from(width + 2 * QUIET_ZONE).ok()?,
            path,
            payload: payload.to_owned(),
        })
    }

    /// How many millimetres a side the code needs on paper so that each module is at least
    /// half a millimetre (three dots at 150 dpi), and never under 2 cm.
    pub fn paper_mm(&self) -> f32 {
        (self.size as f32 * 0.5).max(20.0)
    }
}

/// The smallest code of at most `max_version` that holds `data`, marked as UTF-8 when it is
/// more than ASCII.
fn encode(data: &[u8], max_version: i16) -> Option<QrCode> {
    (1..=max_version).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        if !data.is_ascii() {
            bits.push_eci_designator(UTF8_ECI).ok()?;
        }
        bits.push_byte_data(data).ok()?;
        bits.push_terminator(EC_LEVEL).ok()?;
        QrCode::with_bits(bits, EC_LEVEL).ok()
    })
}

/// What a text becomes on the phone that reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// The phone's messaging app opens with the text filled in (`SMSTO::text`).
    Sms,
    /// The text itself, to copy and paste where it goes.
    Text,
}

impl Payload {
    fn wrap(self, text: &str) -> String {
        match self {
            Self::Sms => format!("SMSTO::{text}"),
            Self::Text => text.to_owned(),
        }
    }
}

/// The codes that carry `text` to a phone: one when it fits, else parts cut between words,
/// each a code of its own, in order.
pub fn codes_for(text: &str, payload: Payload) -> Vec<QrImage> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let take = longest_part(rest, payload);
        parts.push(payload.wrap(&rest[..take]));
        rest = &rest[take..];
    }
    parts
        .iter()
        .filter_map(|payload| QrImage::new(payload))
        .collect()
}

/// How many bytes of `text` the next part takes: all of it when it fits, else as much as fits
/// ending after a space or a line break (or, in one long word, at a character boundary).
fn longest_part(text: &str, payload: Payload) -> usize {
    if encode(payload.wrap(text).as_bytes(), MAX_SCREEN_VERSION).is_some() {
        return text.len();
    }
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .skip(1)
        .chain([text.len()])
        .collect();
    let fits =
        |end: usize| encode(payload.wrap(&text[..end]).as_bytes(), MAX_SCREEN_VERSION).is_some();
    // Binary search for the longest prefix that fits.
    let (mut low, mut high) = (0, boundaries.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        if fits(boundaries[mid - 1]) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let longest = boundaries[low.max(1) - 1];
    text[..longest]
        .rfind([' ', '\n'])
        .map(|at| at + 1)
        .filter(|&at| at > longest / 2)
        .unwrap_or(longest)
}

/// Reads a drawn code back the way a camera would (tests only): the path drawn at four pixels
/// a module, then found and decoded by an independent reader (`rqrr`).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn read_back(size: u32, path: &str) -> String {
    let size = size as usize;
    let mut dark = vec![false; size * size];
    for rect in path.split('z').filter(|r| !r.is_empty()) {
        let numbers: Vec<usize> = rect
            .trim_start_matches('M')
            .split(['h', 'v', ' '])
            .take(3)
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, width) = (numbers[0], numbers[1], numbers[2]);
        for column in x..x + width {
            dark[y * size + column] = true;
        }
    }
    const SCALE: usize = 4;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(size * SCALE, size * SCALE, |x, y| {
        dark[(y / SCALE) * size + x / SCALE]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code found");
    grids[0].decode().unwrap().1
}

#[cfg(test)]
mod tests;
