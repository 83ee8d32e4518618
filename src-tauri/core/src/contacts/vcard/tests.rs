use super::*;
// The import with its backup is `transfer`'s, tested here beside the cards it reads.
use crate::backups::BackupReason;
use crate::datafolder::DataFolder;
use crate::testing::{at, dump, fill_everything};

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.into(),
        number: number.into(),
    }
}

fn parsed(bytes: &[u8]) -> Vec<ContactDetails> {
    parse(bytes, Language::En)
        .unwrap_or_else(|err| panic!("{err}"))
        .into_iter()
        .map(|card| card.details)
        .collect()
}

fn cards_of(store: &Store, bytes: &[u8]) -> Vec<Card> {
    parse(bytes, store.business_language().unwrap()).unwrap()
}

fn file_problem(result: CoreResult<impl std::fmt::Debug>) -> FileProblem {
    match result {
        Err(CoreError::BadFile(problem)) => problem,
        other => panic!("expected a file problem, got {other:?}"),
    }
}

#[test]
fn an_android_export_with_quoted_printable_and_a_photo() {
    let cards = parsed(include_bytes!("samples/android.vcf"));
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].person, "Amélie Lefèvre");
    assert_eq!(
        cards[0].phones,
        vec![
            phone("Mobile", "+33 6 12 34 56 78"),
            phone("Work", "01 23 45 67 89")
        ]
    );
    assert_eq!(cards[0].email, "amelie@example.fr");
    assert_eq!(
        cards[0].notes,
        "Appelle-moi si la caisse ne marche pas, même le dimanche.\nMerci"
    );
    assert_eq!(cards[1].person, "Plombier");
    assert_eq!(cards[1].phones, vec![phone("Mobile", "06 98 76 54 32")]);
}

#[test]
fn an_iphone_export_with_apple_labels() {
    let cards = parsed(include_bytes!("samples/ios.vcf"));
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card.organisation, "Plomberie Martin");
    assert_eq!(card.person, "Paul Martin");
    assert_eq!(
        card.phones,
        vec![
            phone("Urgences", "06 98 76 54 32"),
            phone("Mobile", "+33 6 11 11 11 11")
        ]
    );
    assert_eq!(card.email, "paul@plomberie-martin.fr");
    assert_eq!(card.website, "https://plomberie-martin.fr");
}

#[test]
fn a_thunderbird_export_in_vcard_4_with_folded_lines() {
    let cards = parsed(include_bytes!("samples/thunderbird.vcf"));
    let card = &cards[0];
    assert_eq!(card.organisation, "Fibre Net");
    assert_eq!(card.person, "", "the name is the organisation's");
    assert_eq!(
        card.notes,
        "Dire que la ligne est coupée depuis l'ouverture, et donner le numéro de contrat."
    );
    assert_eq!(
        card.phones,
        vec![
            phone("Work", "0800 123 456"),
            phone("", "+33-1-23-45-67-89")
        ]
    );
    assert_eq!(card.email, "support@fibre-net.fr");
}

#[test]
fn an_outlook_export_in_windows_1252() {
    let cards = parsed(include_bytes!("samples/outlook.vcf"));
    let card = &cards[0];
    assert_eq!(card.person, "Hélène Dubois");
    assert_eq!(card.organisation, "Banque Populaire");
    assert_eq!(
        card.phones,
        vec![
            phone("Work", "(01) 44 55 66 77"),
            phone("Mobile", "06 55 44 33 22")
        ]
    );
    assert_eq!(card.email, "helene.dubois@example.com");
}

#[test]
fn labels_follow_the_business_language() {
    let cards = parse(include_bytes!("samples/android.vcf"), Language::Fr).unwrap();
    let labels: Vec<&str> = cards[0]
        .details
        .phones
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(labels, ["Portable", "Travail"]);
}

#[test]
fn a_bad_file_says_the_line_at_fault() {
    let check = |bytes: &[u8], line: Option<u32>, reason: FileReason| {
        let got = file_problem(parse(bytes, Language::En));
        assert_eq!(
            (got.line, got.reason),
            (line, reason),
            "{}",
            String::from_utf8_lossy(bytes)
        );
    };
    check(b"hello\nworld\n", Some(1), FileReason::BadLine);
    check(b"", None, FileReason::NotVcard);
    check(
        b"{\"format\": \"steady-plan\"}",
        Some(1),
        FileReason::BadLine,
    );
    check(b"BEGIN:VCARD\r\nFN:Cut\r\n", Some(1), FileReason::BadLine);
    check(
        b"BEGIN:VCARD\r\nFN:Ana\r\nthis line has no colon\r\nEND:VCARD\r\n",
        Some(3),
        FileReason::BadLine,
    );
    check(
        b"BEGIN:VCARD\r\nFN:Ana\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n",
        Some(3),
        FileReason::BadField {
            field: "email".into(),
            value: "not-an-address".into(),
        },
    );
    check(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n",
        Some(1),
        FileReason::BadField {
            field: "organisation".into(),
            value: String::new(),
        },
    );
    check(b"END:VCARD\r\n", Some(1), FileReason::BadLine);
}

#[test]
fn what_steady_writes_reads_back_the_same() {
    let mut store = Store::open_in_memory().unwrap();
    fill_everything(&mut store);
    let mut hostile = ContactDetails::new(ContactKind::Supplier);
    hostile.organisation = "Café; \"Le Comptoir\", Lyon\\Est".into();
    hostile.notes = format!(
        "Line one\nLine two, with ; and : and \\ — {}",
        "é".repeat(120)
    );
    hostile.phones = vec![phone("Ligne, directe; 24/7", "+33 4 72 00 00 00 ext. 12")];
    store.create_contact(&hostile, at(21, 8, 0)).unwrap();
    let contacts = store.list_contacts(&Default::default()).unwrap();

    let text = write(&contacts);
    assert!(
        text.split("\r\n").all(|line| line.len() <= 75),
        "folded at 75 bytes"
    );
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    let back = parsed(text.as_bytes());
    let expected: Vec<ContactDetails> = contacts.into_iter().map(|c| c.details).collect();
    assert_eq!(back, expected);
}

#[test]
fn importing_adds_new_contacts_and_completes_known_ones_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut store = folder.open(at(21, 8, 0)).unwrap();
    let mut plumber = ContactDetails::new(ContactKind::Supplier);
    plumber.organisation = "Plomberie Martin".into();
    plumber.phones = vec![phone("Bureau", "06 98 76 54 32")];
    let plumber = store.create_contact(&plumber, at(21, 8, 0)).unwrap();

    let ios = include_bytes!("samples/ios.vcf");
    let preview = store.preview_vcard(&cards_of(&store, ios)).unwrap();
    assert_eq!(
        (preview.added, preview.updated, preview.unchanged),
        (0, 1, 0)
    );
    assert_eq!(preview.cards[0].new_phones, vec!["+33 6 11 11 11 11"]);
    assert_eq!(preview.cards[0].filled, vec!["person", "email", "website"]);

    let (done, backup) = store
        .import_vcard(
            &folder,
            &cards_of(&store, ios),
            &[],
            at(21, 9, 0).fixed_offset(),
        )
        .unwrap();
    assert_eq!(done, preview);
    assert_eq!(backup.unwrap().backup.reason, BackupReason::BeforeImport);
    let updated = store.contact(plumber.id).unwrap();
    assert_eq!(
        updated.details.kind,
        ContactKind::Supplier,
        "the owner's choice stays"
    );
    assert_eq!(updated.details.phones[0], phone("Bureau", "06 98 76 54 32"));
    assert_eq!(updated.details.phones.len(), 2);
    assert_eq!(updated.details.email, "paul@plomberie-martin.fr");

    let android = include_bytes!("samples/android.vcf");
    let preview = store.preview_vcard(&cards_of(&store, android)).unwrap();
    assert_eq!(
        (preview.added, preview.updated, preview.unchanged),
        (1, 0, 1),
        "the plumber's mobile matches the contact that has it"
    );
    store
        .import_vcard(
            &folder,
            &cards_of(&store, android),
            &[],
            at(21, 9, 5).fixed_offset(),
        )
        .unwrap();
    assert_eq!(store.list_contacts(&Default::default()).unwrap().len(), 2);

    // Importing the same file again changes nothing.
    let again = store.preview_vcard(&cards_of(&store, android)).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
}

#[test]
fn a_refused_file_writes_nothing_and_takes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut store = folder.open(at(21, 8, 0)).unwrap();
    fill_everything(&mut store);
    let before = dump(&store);
    let err = parse(
        b"BEGIN:VCARD\r\nFN:Ana\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n",
        Language::En,
    )
    .unwrap_err();
    assert!(matches!(err, CoreError::BadFile(_)), "{err:?}");
    // A merge Steady would refuse stops the import before anything is written.
    let existing = store.list_contacts(&Default::default()).unwrap()[0].clone();
    let mut many = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\n");
    many.push_str(&format!("FN:{}\r\n", existing.details.display_name()));
    for n in 0..crate::fields::LIST_MAX {
        many.push_str(&format!("TEL:01 23 45 {:02} {:02}\r\n", n / 100, n % 100));
    }
    many.push_str("END:VCARD\r\n");
    let cards = cards_of(&store, many.as_bytes());
    assert!(matches!(
        store.preview_vcard(&cards),
        Err(CoreError::BadFile(_))
    ));
    assert!(matches!(
        store.import_vcard(&folder, &cards, &[], at(21, 9, 0).fixed_offset()),
        Err(CoreError::BadFile(_))
    ));
    assert_eq!(dump(&store), before);
    assert!(folder.list_backups().is_empty());
}

#[test]
fn a_steady_export_imported_elsewhere_keeps_every_field() {
    let mut source = Store::open_in_memory().unwrap();
    fill_everything(&mut source);
    let text = source.export_vcard().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut fresh = folder.open(at(21, 8, 0)).unwrap();
    let cards = cards_of(&fresh, text.as_bytes());
    let (done, _) = fresh
        .import_vcard(&folder, &cards, &[], at(21, 9, 0).fixed_offset())
        .unwrap();
    let count = source.list_contacts(&Default::default()).unwrap().len();
    assert_eq!(done.added as usize, count);
    let details = |store: &Store| -> Vec<ContactDetails> {
        store
            .list_contacts(&Default::default())
            .unwrap()
            .into_iter()
            .map(|c| c.details)
            .collect()
    };
    assert_eq!(details(&fresh), details(&source));
}

#[test]
fn the_card_code_holds_numbers_as_phones_dial_them() {
    use crate::contacts::{Contact, ContactDetails, ContactKind, Phone};
    let contact = Contact {
        id: 1,
        details: ContactDetails {
            organisation: "Fibre, Net; & Co".into(),
            phones: vec![
                Phone {
                    label: "Support".into(),
                    number: "(212) 736-5000 ext. 12".into(),
                },
                Phone {
                    label: String::new(),
                    number: "call me".into(),
                },
            ],
            ..ContactDetails::new(ContactKind::InternetProvider)
        },
        tel_links: Vec::new(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    };
    let card = super::write_for_phone(&[contact], Some(phonenumber::country::Id::US));
    assert!(card.contains("\r\nFN:Fibre\\, Net\\; & Co\r\n"), "{card}");
    assert!(
        card.contains("\r\nTEL;TYPE=VOICE:+12127365000,12\r\n"),
        "{card}"
    );
    assert_eq!(card.matches("TEL").count(), 1, "no number, no TEL: {card}");
}

#[test]
fn a_thunderbird_vcard_4_with_tel_uris_comes_in_whole() {
    let cards = parsed(include_bytes!("samples/thunderbird-phone.vcf"));
    assert_eq!(cards.len(), 2);
    assert_eq!(cards[0].organisation, "EDF — dépannage");
    assert_eq!(cards[0].person, "Julien Moreau");
    assert_eq!(
        cards[0].phones,
        vec![
            phone("Mobile", "+33-6-00-00-00-01 ext. 12"),
            phone("Work", "+33-9-72-67-50-75")
        ]
    );
    assert_eq!(cards[1].organisation, "Orange Business");
    assert_eq!(cards[1].phones, vec![phone("Work", "+33 1-44-44-22-22")]);
}

#[test]
fn tel_uris_are_read_as_rfc_3966_writes_them() {
    let check = |uri: &str, expected: &str| {
        assert_eq!(tel_uri_number(uri), expected, "{uri}");
        assert!(
            check_phone(expected).is_ok(),
            "{expected} is a number Steady keeps"
        );
    };
    check("+33-6-00-00-00-01;ext=12", "+33-6-00-00-00-01 ext. 12");
    check("+1-201-555-0123", "+1-201-555-0123");
    check("863-1234;phone-context=+1-914-555", "+1-914-555 863-1234");
    check("7042;phone-context=example.com", "7042");
    check(
        "+33-1-23-45-67-89;EXT=4;isub=1234",
        "+33-1-23-45-67-89 ext. 4",
    );
    check(
        "1-23-45-67-89;phone-context=+33;ext=7",
        "+33 1-23-45-67-89 ext. 7",
    );
    check("+44-20-7946-0958;phone-context=+33", "+44-20-7946-0958");
}

#[test]
fn a_number_steady_cannot_use_goes_to_the_notes_and_the_rest_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut store = folder.open(at(21, 8, 0)).unwrap();
    let file = include_bytes!("samples/bad-number.vcf");
    let preview = store.preview_vcard(&cards_of(&store, file)).unwrap();
    assert_eq!((preview.added, preview.updated), (2, 0));
    assert_eq!(preview.cards[0].set_aside, vec![]);
    assert_eq!(
        preview.cards[1].set_aside,
        vec![SetAsideNumber {
            number: "call me maybe".into(),
            label: "Mobile".into(),
            reason: FieldProblem::InvalidPhone,
            in_notes: true,
        }]
    );
    let thunderbird = include_bytes!("samples/thunderbird-phone.vcf");
    let preview = store.preview_vcard(&cards_of(&store, thunderbird)).unwrap();
    assert_eq!(
        preview.cards[1].set_aside[0].number,
        "sip:support@orange-business.example"
    );

    store
        .import_vcard(
            &folder,
            &cards_of(&store, file),
            &[],
            at(21, 9, 0).fixed_offset(),
        )
        .unwrap();
    let contacts = store.list_contacts(&Default::default()).unwrap();
    let bad = contacts
        .iter()
        .find(|c| c.details.person == "Bad Number")
        .unwrap();
    assert_eq!(bad.details.phones, vec![]);
    assert_eq!(
        bad.details.notes,
        "Number from an imported file, not one Steady can dial (Mobile): call me maybe"
    );
    let again = store.preview_vcard(&cards_of(&store, file)).unwrap();
    assert_eq!(
        (again.added, again.updated, again.unchanged),
        (0, 0, 2),
        "the note is not added twice"
    );

    // A number too many for one contact is set aside as well.
    let mut many = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many\r\n");
    for n in 0..=crate::fields::LIST_MAX {
        many.push_str(&format!("TEL:01 23 45 {:02} {:02}\r\n", n / 100, n % 100));
    }
    many.push_str("END:VCARD\r\n");
    let cards = cards_of(&store, many.as_bytes());
    assert_eq!(cards[0].details.phones.len(), crate::fields::LIST_MAX);
    let preview = store.preview_vcard(&cards).unwrap();
    assert_eq!(
        preview.cards[0].set_aside[0].reason,
        FieldProblem::TooLarge {
            max: crate::fields::LIST_MAX as u32
        }
    );
}

#[test]
fn the_kind_is_guessed_from_categories_organisation_and_name() {
    let check = |card: &str, expected: ContactKind| {
        let text = format!("BEGIN:VCARD\r\nVERSION:4.0\r\n{card}\r\nEND:VCARD\r\n");
        assert_eq!(parsed(text.as_bytes())[0].kind, expected, "{card}");
    };
    check("FN:EDF — dépannage", ContactKind::PowerUtility);
    check("ORG:Orange Business", ContactKind::InternetProvider);
    check("FN:Ouest Power", ContactKind::PowerUtility);
    check("ORG:Électricité de Strasbourg", ContactKind::PowerUtility);
    check("FN:Fibre Net", ContactKind::InternetProvider);
    check("FN:Téléphonie Pro", ContactKind::PhoneProvider);
    check(
        "ORG:SumUp France\r\nFN:Terminal de paiement",
        ContactKind::CardPayments,
    );
    check("FN:Card terminal support", ContactKind::CardPayments);
    check("FN:M. Durand (propriétaire)", ContactKind::Landlord);
    check("FN:Our landlord", ContactKind::Landlord);
    check("ORG:AXA Assurances", ContactKind::Insurance);
    check("ORG:Crédit Agricole", ContactKind::Bank);
    check("ORG:Agence web Lumière", ContactKind::WebsiteVendor);
    check("FN:Plomberie Martin", ContactKind::Supplier);
    check("FN:Ana\r\nCATEGORIES:Staff,Friends", ContactKind::Staff);
    check("ORG:Orange\r\nCATEGORIES:Landlord", ContactKind::Landlord);
    check("FN:Amélie Lefèvre", ContactKind::Other);
    check("FN:Powerless Ltd", ContactKind::Other);
    check("FN:EDF\r\nX-STEADY-KIND:bank", ContactKind::Bank);
}

#[test]
fn the_owner_kinds_from_the_preview_are_the_ones_imported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut store = folder.open(at(21, 8, 0)).unwrap();
    let file = include_bytes!("samples/thunderbird-phone.vcf");
    let preview = store.preview_vcard(&cards_of(&store, file)).unwrap();
    let kinds: Vec<ContactKind> = preview.cards.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ContactKind::PowerUtility, ContactKind::InternetProvider]
    );
    let (done, _) = store
        .import_vcard(
            &folder,
            &cards_of(&store, file),
            &[ContactKind::PowerUtility, ContactKind::PhoneProvider],
            at(21, 9, 0).fixed_offset(),
        )
        .unwrap();
    assert_eq!(done.cards[1].kind, ContactKind::PhoneProvider);
    let contacts = store.list_contacts(&Default::default()).unwrap();
    let kind_of = |name: &str| {
        contacts
            .iter()
            .find(|c| c.details.organisation == name)
            .unwrap()
            .details
            .kind
    };
    assert_eq!(kind_of("EDF — dépannage"), ContactKind::PowerUtility);
    assert_eq!(kind_of("Orange Business"), ContactKind::PhoneProvider);
}

#[test]
fn a_hostile_line_is_refused_before_it_costs_memory() {
    let check = |bytes: Vec<u8>, line: u32, max: usize| {
        let got = file_problem(parse(&bytes, Language::En));
        assert_eq!(
            (got.line, got.reason),
            (Some(line), FileReason::TooLarge { max: max as u32 })
        );
    };
    let card = |line: &str| format!("BEGIN:VCARD\r\nFN:Ana\r\n{line}\r\nEND:VCARD\r\n");
    check(
        card(&format!("TEL{}:01 23 45 67 89", ";".repeat(MAX_PARAMS + 1))).into_bytes(),
        3,
        MAX_PARAMS,
    );
    check(
        card(&format!("NOTE:{}", "x".repeat(MAX_LINE_BYTES + 1))).into_bytes(),
        3,
        MAX_LINE_BYTES,
    );
    check(
        card(&format!("NOTE:x\r\n{}", " x\r\n".repeat(MAX_LINE_BYTES))).into_bytes(),
        3,
        MAX_LINE_BYTES,
    );
    check(
        card(&format!("X-{}:x", "A".repeat(MAX_HEAD_BYTES))).into_bytes(),
        3,
        MAX_HEAD_BYTES,
    );
    check(
        card(&"EMAIL:a@b.fr\r\n".repeat(MAX_CARD_LINES + 1)).into_bytes(),
        1,
        MAX_CARD_LINES,
    );
    check(
        "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n"
            .repeat(MAX_CARDS + 1)
            .into_bytes(),
        (MAX_CARDS * 3 + 1) as u32,
        MAX_CARDS,
    );
    check(
        card(&"TEL:call me\r\n".repeat(crate::fields::LIST_MAX + 1)).into_bytes(),
        (crate::fields::LIST_MAX + 3) as u32,
        crate::fields::LIST_MAX,
    );
    // A photo, however long, is skipped unread.
    let photo = format!(
        "PHOTO;ENCODING=b;TYPE=JPEG:{}\r\n{}",
        "A".repeat(MAX_LINE_BYTES * 2),
        " AAAA\r\n".repeat(MAX_LINE_BYTES)
    );
    assert_eq!(parsed(card(&photo).as_bytes())[0].person, "Ana");
}

#[test]
fn the_kinds_the_window_sends_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = DataFolder::new(dir.path());
    let mut store = folder.open(at(21, 8, 0)).unwrap();
    let cards = cards_of(&store, include_bytes!("samples/ios.vcf"));
    let kinds = vec![ContactKind::Bank; MAX_CARDS + 1];
    match store.import_vcard(&folder, &cards, &kinds, at(21, 9, 0).fixed_offset()) {
        Err(CoreError::Validation(fields)) => assert_eq!(fields[0].field, "kinds"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(store.list_contacts(&Default::default()).unwrap().is_empty());
}

/// The matcher as it was before its index: every card compared with every contact, every key
/// derived again each time. Slow, and plainly right: the indexed one must agree with it.
fn plan_by_comparing_all(
    existing: &[Contact],
    cards: &[Card],
) -> CoreResult<(Vec<CardPreview>, Vec<Landing>)> {
    let key = |number: &str| -> Option<String> {
        let digits: String = number
            .split(['x', '#'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(9)..].to_owned())
    };
    let mut result: Vec<Landing> = existing
        .iter()
        .map(|c| (Some(c.id), c.details.clone()))
        .collect();
    let mut touched = vec![false; result.len()];
    let mut previews = Vec::new();
    for card in cards {
        let mut set_aside = card.set_aside.clone();
        let name = fold_for_search(card.details.display_name());
        let keys: Vec<String> = card
            .details
            .phones
            .iter()
            .filter_map(|p| key(&p.number))
            .collect();
        let matched = result.iter().position(|(_, d)| {
            fold_for_search(d.display_name()) == name
                || d.phones
                    .iter()
                    .filter_map(|p| key(&p.number))
                    .any(|k| keys.contains(&k))
        });
        let Some(at) = matched else {
            let mut details = card.details.clone();
            if note_set_aside(&mut details.notes, &mut set_aside, card.language) {
                details = revalidated(details, card.line, card.language)?;
            }
            previews.push(CardPreview {
                name: details.display_name().to_owned(),
                action: CardAction::Add,
                kind: details.kind,
                new_phones: details.phones.iter().map(|p| p.number.clone()).collect(),
                filled: Vec::new(),
                set_aside,
            });
            result.push((None, details));
            touched.push(true);
            continue;
        };
        let target = &mut result[at].1;
        let mut new_phones = Vec::new();
        for phone in &card.details.phones {
            let known = target.phones.iter().any(|p| {
                p.number == phone.number
                    || key(&p.number).is_some_and(|k| Some(k) == key(&phone.number))
            });
            if !known {
                new_phones.push(phone.number.clone());
                target.phones.push(phone.clone());
            }
        }
        let mut filled = Vec::new();
        let incoming = &card.details;
        for (field, mine, theirs) in [
            (
                "organisation",
                &mut target.organisation,
                &incoming.organisation,
            ),
            ("person", &mut target.person, &incoming.person),
            ("email", &mut target.email, &incoming.email),
            ("website", &mut target.website, &incoming.website),
            ("outagePage", &mut target.outage_page, &incoming.outage_page),
            ("statusPage", &mut target.status_page, &incoming.status_page),
            (
                "accountNumber",
                &mut target.account_number,
                &incoming.account_number,
            ),
            ("customerId", &mut target.customer_id, &incoming.customer_id),
            (
                "supportHours",
                &mut target.support_hours,
                &incoming.support_hours,
            ),
            ("notes", &mut target.notes, &incoming.notes),
        ] {
            if mine.is_empty() && !theirs.is_empty() {
                *mine = theirs.clone();
                filled.push(field.to_owned());
            }
        }
        let noted = note_set_aside(&mut target.notes, &mut set_aside, card.language);
        let action = if new_phones.is_empty() && filled.is_empty() && !noted {
            CardAction::Unchanged
        } else {
            touched[at] = true;
            *target = revalidated(target.clone(), card.line, card.language)?;
            CardAction::Update
        };
        previews.push(CardPreview {
            name: target.display_name().to_owned(),
            action,
            kind: target.kind,
            new_phones,
            filled,
            set_aside,
        });
    }
    let changed = result
        .into_iter()
        .zip(touched)
        .filter_map(|(contact, touched)| touched.then_some(contact))
        .collect();
    Ok((previews, changed))
}

mod matcher {
    use super::*;
    use proptest::prelude::*;

    /// A card line from a small pool, so that names and numbers meet often.
    fn line() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "FN:Ana",
            "FN:Bob",
            "ORG:EDF",
            "ORG:Orange",
            "FN:Orange",
            "TEL:01 23 45 67 89",
            "TEL:+33 1 23 45 67 89",
            "TEL:0800 123 456",
            "TEL:15",
            "TEL:06 00 00 00 01 ext. 4",
            "TEL:call me",
            "EMAIL:ana@example.fr",
            "NOTE:Ask for Ana",
            "URL:https://example.fr",
        ])
    }

    fn file() -> impl Strategy<Value = String> {
        let card = prop::collection::vec(line(), 1..6).prop_map(|lines| {
            format!(
                "BEGIN:VCARD\r\nFN:Zoé\r\n{}\r\nEND:VCARD\r\n",
                lines.join("\r\n")
            )
        });
        prop::collection::vec(card, 1..8).prop_map(|cards| cards.concat())
    }

    proptest! {
        #[test]
        fn the_index_matches_as_comparing_every_contact_does(existing in file(), incoming in file()) {
            let existing: Vec<Contact> = parse(existing.as_bytes(), Language::En)
                .unwrap()
                .into_iter()
                .enumerate()
                .map(|(i, card)| Contact {
                    id: i as i64 + 1,
                    details: card.details,
                    tel_links: Vec::new(),
                    created_at: chrono::DateTime::UNIX_EPOCH,
                    updated_at: chrono::DateTime::UNIX_EPOCH,
                })
                .collect();
            let cards = parse(incoming.as_bytes(), Language::En).unwrap();
            let indexed = plan(&existing, &cards).map_err(|e| e.to_string());
            let compared = plan_by_comparing_all(&existing, &cards).map_err(|e| e.to_string());
            prop_assert_eq!(indexed, compared);
        }
    }
}

#[test]
fn every_language_words_every_phone_type_and_the_set_aside_note() {
    for (language, json) in VCARD_WORDS.files() {
        let words: VcardWords = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{language:?}: the data does not read: {e}"));
        let mut types: Vec<&str> = words.phone_types.keys().map(String::as_str).collect();
        types.sort_unstable();
        assert_eq!(
            types,
            ["fax", "home", "main", "mobile", "pager", "work"],
            "{language:?}"
        );
        let line = fill(
            &words.set_aside_note,
            &[("label", " (x)"), ("number", "12#")],
        );
        assert!(
            line.contains("12#") && line.contains("(x)"),
            "{language:?}: {line}"
        );
    }
}
