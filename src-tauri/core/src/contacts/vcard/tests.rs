use super::*;
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
    check(
        include_bytes!("samples/bad-number.vcf"),
        Some(9),
        FileReason::BadField {
            field: "phones.0.number".into(),
            value: "call me maybe".into(),
        },
    );
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
        .import_vcard(&folder, &cards_of(&store, ios), at(21, 9, 0).fixed_offset())
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
    let err = parse(include_bytes!("samples/bad-number.vcf"), Language::En).unwrap_err();
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
        store.import_vcard(&folder, &cards, at(21, 9, 0).fixed_offset()),
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
        .import_vcard(&folder, &cards, at(21, 9, 0).fixed_offset())
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
