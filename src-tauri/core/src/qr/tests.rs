use proptest::prelude::*;

use super::{codes_for, Payload, QrImage, QUIET_ZONE};

fn read(code: &QrImage) -> String {
    super::read_back(code.size, &code.path)
}

#[test]
fn a_code_reads_back_as_its_payload_accents_and_emoji_included() {
    let text = "Café fermé ⚡ coupure de courant — réouverture vers 14 h 30 🙏";
    let code = QrImage::new(text).unwrap();
    assert_eq!(read(&code), text);
    assert_eq!(code.payload, text);
}

#[test]
fn a_code_has_its_quiet_zone_blank() {
    let code = QrImage::new("tel:+33142685300").unwrap();
    let size = code.size as usize;
    assert_eq!(
        size,
        25 + 2 * QUIET_ZONE,
        "a number fits the second smallest code"
    );
    for rect in code.path.split('z').filter(|r| !r.is_empty()) {
        let mut numbers = rect.trim_start_matches('M').split(['h', 'v', ' ']);
        let x: usize = numbers.next().unwrap().parse().unwrap();
        let y: usize = numbers.next().unwrap().parse().unwrap();
        let width: usize = numbers.next().unwrap().parse().unwrap();
        assert!(
            x + width <= size - QUIET_ZONE,
            "a run into the right margin"
        );
        assert!(
            x >= QUIET_ZONE && y >= QUIET_ZONE && x < size - QUIET_ZONE && y < size - QUIET_ZONE
        );
    }
}

#[test]
fn an_sms_opens_the_messaging_app_with_the_text() {
    let text = "Power cut at Corner Café: we take cash only until it is back.";
    let codes = codes_for(text, Payload::Sms);
    assert_eq!(codes.len(), 1);
    assert_eq!(read(&codes[0]), format!("SMSTO::{text}"));
}

#[test]
fn a_long_text_is_cut_between_words_into_parts_that_read_back_whole() {
    let sentence = "Our card terminal is down because the internet is out; we accept cash. ";
    let text = sentence.repeat(20);
    let codes = codes_for(&text, Payload::Text);
    assert!(codes.len() > 1, "{} bytes in one code", text.len());
    let parts: Vec<String> = codes.iter().map(read).collect();
    assert_eq!(parts.concat(), text);
    for part in &parts[..parts.len() - 1] {
        assert!(part.ends_with(' '), "cut inside a word: {part:?}");
    }
}

#[test]
fn a_single_word_longer_than_a_code_is_cut_at_a_character() {
    let text = "é".repeat(400);
    let codes = codes_for(&text, Payload::Sms);
    assert_eq!(codes.len(), 2);
    let parts: Vec<String> = codes.iter().map(read).collect();
    assert!(parts.iter().all(|p| p.starts_with("SMSTO::")));
    let joined: String = parts.iter().map(|p| &p["SMSTO::".len()..]).collect();
    assert_eq!(joined, text);
}

#[test]
fn nothing_to_send_is_no_code() {
    assert!(codes_for("", Payload::Text).is_empty());
}

#[test]
fn paper_gives_every_module_half_a_millimetre_and_never_less_than_two_centimetres() {
    let small = QrImage::new("tel:15").unwrap();
    assert!((small.paper_mm() - 20.0).abs() < f32::EPSILON);
    let large = QrImage::new(&"x".repeat(300)).unwrap();
    assert!((large.paper_mm() - large.size as f32 * 0.5).abs() < f32::EPSILON);
    assert!(large.paper_mm() > 20.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the owner writes, the parts put back together are the text.
    #[test]
    fn parts_always_join_back_into_the_text(text in "[a-zé😀 \n]{0,900}") {
        let codes = codes_for(&text, Payload::Text);
        let joined: String = codes.iter().map(|c| c.payload.as_str()).collect();
        prop_assert_eq!(joined, text);
    }
}
