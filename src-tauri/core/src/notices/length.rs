//! How long a notice may be on its channel, and how many SMS it costs. An SMS in the GSM-7
//! alphabet holds 160 characters (153 each when split); one character outside it — "ê",
//! "ç", a typographic apostrophe — turns the whole message into UCS-2: 70 (67 when split).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Channel;

/// The GSM 03.38 basic alphabet (one septet each).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The GSM extension table (two septets each: an escape and the character).
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// A social post: the strictest common limit (X).
pub const SOCIAL_MAX: u32 = 280;
/// A website banner must fit one line.
pub const BANNER_MAX: u32 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SmsEncoding {
    Gsm7,
    Ucs2,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LengthReport {
    /// Characters as the channel counts them (septets for GSM-7, UTF-16 units for UCS-2).
    pub length: u32,
    /// The most the channel takes in one piece, if it has a limit.
    pub limit: Option<u32>,
    pub sms_encoding: Option<SmsEncoding>,
    pub sms_segments: Option<u32>,
    /// More than one line where one is allowed.
    pub multiline: bool,
    pub over: bool,
}

/// The encoding an SMS needs and its length in that encoding's units.
pub fn sms_length(text: &str) -> (SmsEncoding, u32) {
    let mut septets = 0u32;
    for c in text.chars() {
        if GSM_BASIC.contains(c) {
            septets += 1;
        } else if GSM_EXTENDED.contains(c) {
            septets += 2;
        } else {
            let units = text.encode_utf16().count();
            return (SmsEncoding::Ucs2, u32::try_from(units).unwrap_or(u32::MAX));
        }
    }
    (SmsEncoding::Gsm7, septets)
}

pub fn sms_segments(encoding: SmsEncoding, length: u32) -> u32 {
    let (single, part) = match encoding {
        SmsEncoding::Gsm7 => (160, 153),
        SmsEncoding::Ucs2 => (70, 67),
    };
    if length <= single {
        1
    } else {
        length.div_ceil(part)
    }
}

pub fn measure(channel: Channel, text: &str) -> LengthReport {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    let multiline = text.trim().contains('\n');
    match channel {
        Channel::Sms => {
            let (encoding, length) = sms_length(text);
            let segments = sms_segments(encoding, length);
            LengthReport {
                length,
                limit: Some(if encoding == SmsEncoding::Gsm7 {
                    160
                } else {
                    70
                }),
                sms_encoding: Some(encoding),
                sms_segments: Some(segments),
                multiline,
                over: segments > 1,
            }
        }
        Channel::Social => LengthReport {
            length: chars,
            limit: Some(SOCIAL_MAX),
            sms_encoding: None,
            sms_segments: None,
            multiline,
            over: chars > SOCIAL_MAX,
        },
        Channel::Website => LengthReport {
            length: chars,
            limit: Some(BANNER_MAX),
            sms_encoding: None,
            sms_segments: None,
            multiline,
            over: chars > BANNER_MAX || multiline,
        },
        Channel::Email | Channel::Phone | Channel::Door => LengthReport {
            length: chars,
            limit: None,
            sms_encoding: None,
            sms_segments: None,
            multiline,
            over: false,
        },
    }
}
