use super::disclosure::{check, DisclosureContext, WarningKind};
use super::length::{measure, sms_length, sms_segments, SmsEncoding};
use super::*;

const STAGES: [Stage; 4] = [
    Stage::Initial,
    Stage::Update,
    Stage::Resolved,
    Stage::FollowUp,
];
const CHANNELS: [Channel; 6] = [
    Channel::Sms,
    Channel::Email,
    Channel::Social,
    Channel::Website,
    Channel::Phone,
    Channel::Door,
];

fn full_facts() -> NoticeFacts {
    NoticeFacts {
        business: "Corner Café".into(),
        what: vec!["Card payments".into()],
        severity: Severity::Major,
        customers_affected: Some(40),
        expected_minutes: Some(120),
        workaround: Some("We are taking cash only for now.".into()),
        next_update: Some("10:30".into()),
        could_recur: CouldRecur::Yes,
        when: Some("on Friday 27 November from 09:00 to 13:00".into()),
    }
}

#[test]
fn every_stage_channel_and_language_renders_with_nothing_left_over() {
    for language in [Language::En, Language::Fr] {
        for stage in STAGES {
            for channel in CHANNELS {
                let what = format!("{stage:?} {channel:?} {language:?}");
                let draft = draft(stage, channel, language, &full_facts()).unwrap();
                let all = format!(
                    "{}\n{}",
                    draft.subject.clone().unwrap_or_default(),
                    draft.body
                );
                assert!(!all.contains('{') && !all.contains('}'), "{what}: {all}");
                assert!(draft.unfilled.is_empty(), "{what}: {:?}", draft.unfilled);
                assert!(
                    !draft.body.contains("  "),
                    "{what}: double space in {:?}",
                    draft.body
                );
                assert_eq!(draft.subject.is_some(), channel == Channel::Email, "{what}");
                if stage != Stage::FollowUp {
                    assert!(
                        draft.body.to_lowercase().contains("card payments")
                            || draft.body.contains("paiements")
                            || draft.body.contains("card payments")
                            || stage == Stage::Resolved && channel == Channel::Phone,
                        "{what}: {}",
                        draft.body
                    );
                }
            }
        }
    }
}

#[test]
fn missing_facts_are_marked_or_said_honestly() {
    let facts = NoticeFacts {
        what: vec![],
        customers_affected: None,
        expected_minutes: None,
        workaround: None,
        next_update: None,
        ..full_facts()
    };
    let email = draft(Stage::Initial, Channel::Email, Language::En, &facts).unwrap();
    assert_eq!(
        email.unfilled,
        ["[WHAT IS DOWN]", "[HOW MANY CUSTOMERS]", "[WHAT IS DOWN]"]
    );
    assert!(email
        .body
        .contains("We do not have a time for the fix yet."));
    assert!(email.body.contains("There is no alternative for now"));
    assert!(email
        .body
        .contains("We will let you know as soon as it is fixed."));

    let sms = draft(Stage::Initial, Channel::Sms, Language::Fr, &facts).unwrap();
    assert_eq!(sms.unfilled, ["[CE QUI EST EN PANNE]"]);
    assert!(sms.body.contains("Pas encore de délai."));
}

#[test]
fn drafts_read_naturally() {
    let sms = draft(Stage::Initial, Channel::Sms, Language::En, &full_facts()).unwrap();
    assert_eq!(
        sms.body,
        "Corner Café: problem with card payments, we are on it. We expect it to be fixed within \
         about 2 hours. We are taking cash only for now."
    );
    let facts = NoticeFacts {
        what: vec!["Paiement par carte".into(), "Internet".into()],
        ..full_facts()
    };
    let door = draft(Stage::Initial, Channel::Door, Language::Fr, &facts).unwrap();
    assert!(
        door.body
            .starts_with("Paiement par carte et internet : en panne pour le moment."),
        "{}",
        door.body
    );
    let minor = NoticeFacts {
        severity: Severity::Minor,
        ..full_facts()
    };
    let critical = NoticeFacts {
        severity: Severity::Critical,
        ..full_facts()
    };
    let minor = draft(Stage::Initial, Channel::Email, Language::En, &minor)
        .unwrap()
        .body;
    let critical = draft(Stage::Initial, Channel::Email, Language::En, &critical)
        .unwrap()
        .body;
    assert!(minor.contains("This is a minor inconvenience."));
    assert!(critical.contains("We cannot serve you normally at the moment."));
}

#[test]
fn markers_are_found_but_ordinary_brackets_are_not() {
    assert_eq!(
        unfilled_markers("Call [MOBILE NUMBER] now"),
        ["[MOBILE NUMBER]"]
    );
    assert_eq!(
        unfilled_markers("[À COMPLÉTER] et [x] et [2]"),
        ["[À COMPLÉTER]"]
    );
    assert!(unfilled_markers("Opening hours [see door]").is_empty());
}

#[test]
fn sms_segments_follow_gsm7_and_ucs2() {
    let check = |text: &str, encoding: SmsEncoding, length: u32, segments: u32| {
        assert_eq!(sms_length(text), (encoding, length), "{text:?}");
        assert_eq!(sms_segments(encoding, length), segments, "{text:?}");
    };
    check("Hello", SmsEncoding::Gsm7, 5, 1);
    check(&"a".repeat(160), SmsEncoding::Gsm7, 160, 1);
    check(&"a".repeat(161), SmsEncoding::Gsm7, 161, 2);
    check(&"a".repeat(306), SmsEncoding::Gsm7, 306, 2);
    check(&"a".repeat(307), SmsEncoding::Gsm7, 307, 3);
    check("Prix : 5€", SmsEncoding::Gsm7, 10, 1);
    check("{curly}", SmsEncoding::Gsm7, 9, 1);
    check("Café fermé à midi", SmsEncoding::Gsm7, 17, 1);
    check("Fenêtre", SmsEncoding::Ucs2, 7, 1);
    check("Ça va", SmsEncoding::Gsm7, 5, 1);
    check("ça va", SmsEncoding::Ucs2, 5, 1);
    check("l’équipe", SmsEncoding::Ucs2, 8, 1);
    check(&"ê".repeat(70), SmsEncoding::Ucs2, 70, 1);
    check(&"ê".repeat(71), SmsEncoding::Ucs2, 71, 2);
    check(&"ê".repeat(135), SmsEncoding::Ucs2, 135, 3);
    check("😀", SmsEncoding::Ucs2, 2, 1);
}

#[test]
fn channel_limits() {
    assert!(!measure(Channel::Social, &"x".repeat(280)).over);
    assert!(measure(Channel::Social, &"x".repeat(281)).over);
    assert!(measure(Channel::Website, "one line\nand another").over);
    assert!(!measure(Channel::Website, "Card payments unavailable for now.").over);
    let sms = measure(Channel::Sms, &"é".repeat(161));
    assert_eq!((sms.sms_segments, sms.over), (Some(2), true));
    assert!(!measure(Channel::Email, &"x".repeat(5000)).over);
}

fn context() -> DisclosureContext {
    DisclosureContext {
        business: "Orange Blossom Café".into(),
        providers: vec![
            "Fibre Net".into(),
            "SumUp".into(),
            "Free".into(),
            "Orange".into(),
        ],
        identifiers: vec!["FN-88231".into(), "T-4471".into(), "PDL 0912 3456".into()],
        root_cause: "The street cabinet flooded after the storm".into(),
        staff: vec!["Marie Dubois".into(), "Paul".into()],
        internal_notes: Vec::new(),
        announced_by: Vec::new(),
        filled: Vec::new(),
    }
}

#[test]
fn disclosure_table() {
    type Case = (Language, &'static str, Vec<(WarningKind, &'static str)>);
    let cases: Vec<Case> = vec![
        (
            Language::En,
            "Card payments are down: Fibre Net is fixing it.",
            vec![(WarningKind::ProviderName, "Fibre Net")],
        ),
        (
            Language::En,
            "our fibre net connection",
            vec![(WarningKind::ProviderName, "fibre net")],
        ),
        (
            Language::En,
            "SumUp terminals are offline",
            vec![(WarningKind::ProviderName, "SumUp")],
        ),
        (Language::En, "Feel free to pay in cash.", vec![]),
        (
            Language::En,
            "Free is down in our area.",
            vec![(WarningKind::ProviderName, "Free")],
        ),
        (Language::En, "Welcome to Orange Blossom Café!", vec![]),
        (
            Language::En,
            "Orange is down, so is Orange Blossom Café.",
            vec![(WarningKind::ProviderName, "Orange")],
        ),
        (
            Language::En,
            "Ticket T-4471 is open.",
            vec![(WarningKind::Identifier, "T-4471")],
        ),
        (
            Language::En,
            "Account FN-88231 was suspended",
            vec![(WarningKind::Identifier, "FN-88231")],
        ),
        (
            Language::En,
            "Meter pdl 0912 3456",
            vec![(WarningKind::Identifier, "pdl 0912 3456")],
        ),
        (
            Language::En,
            "The street cabinet flooded.",
            vec![(WarningKind::RootCause, "street cabinet flooded")],
        ),
        (Language::En, "A storm hit the area.", vec![]),
        (
            Language::En,
            "Sorry: street cabinet flooded after the storm.",
            vec![(
                WarningKind::RootCause,
                "street cabinet flooded after the storm",
            )],
        ),
        (
            Language::En,
            "The router at 192.168.1.1 failed.",
            vec![(WarningKind::IpAddress, "192.168.1.1")],
        ),
        (
            Language::En,
            "Visit pos.internal.example.com now",
            vec![(WarningKind::Hostname, "pos.internal.example.com")],
        ),
        (Language::En, "Updates at orangeblossom.fr", vec![]),
        (
            Language::En,
            "The till runs v4.2 and crashed",
            vec![(WarningKind::SoftwareVersion, "v4.2")],
        ),
        (
            Language::En,
            "Firmware 2.13.1 has a bug",
            vec![(WarningKind::SoftwareVersion, "2.13.1")],
        ),
        (
            Language::En,
            "Back in about 1.5 hours, e.g. by noon.",
            vec![],
        ),
        (Language::En, "Prices from 12.50 as usual.", vec![]),
        (
            Language::Fr,
            "Appelez le 01.23.45.67.89 ou le 06.12.34.56.78.",
            vec![],
        ),
        (Language::Fr, "Fermé le 12.05.24 et le 13.05.2024.", vec![]),
        (
            Language::En,
            "Marie is on it.",
            vec![(WarningKind::StaffName, "Marie")],
        ),
        (
            Language::En,
            "Ask Paul at the till.",
            vec![(WarningKind::StaffName, "Paul")],
        ),
        (
            Language::En,
            "We were hacked last night.",
            vec![(WarningKind::AlarmingWord, "hacked")],
        ),
        (
            Language::En,
            "There was a data breach.",
            vec![(WarningKind::AlarmingWord, "data breach")],
        ),
        (
            Language::En,
            "Please change your password.",
            vec![(WarningKind::AlarmingWord, "password")],
        ),
        (
            Language::En,
            "A vulnerability was found.",
            vec![(WarningKind::AlarmingWord, "vulnerability")],
        ),
        (
            Language::En,
            "We are on it and will update you by 10:30.",
            vec![],
        ),
        (Language::En, "Our passion for coffee is intact.", vec![]),
        (
            Language::Fr,
            "Notre prestataire Fibre Net répare.",
            vec![(WarningKind::ProviderName, "Fibre Net")],
        ),
        (
            Language::Fr,
            "Nous avons été piratés cette nuit.",
            vec![(WarningKind::AlarmingWord, "piratés")],
        ),
        (
            Language::Fr,
            "Une faille a été trouvée.",
            vec![(WarningKind::AlarmingWord, "faille")],
        ),
        (
            Language::Fr,
            "Changez votre mot de passe.",
            vec![(WarningKind::AlarmingWord, "mot de passe")],
        ),
        (
            Language::Fr,
            "Une fuite de données a eu lieu.",
            vec![(WarningKind::AlarmingWord, "fuite de données")],
        ),
        (
            Language::Fr,
            "Une vulnérabilité du logiciel",
            vec![(WarningKind::AlarmingWord, "vulnérabilité")],
        ),
        (
            Language::Fr,
            "Le paiement par carte est indisponible. Merci de votre patience.",
            vec![],
        ),
        (
            Language::Fr,
            "Une attaque informatique",
            vec![(WarningKind::AlarmingWord, "attaque")],
        ),
        (
            Language::Fr,
            "Nous attaquons la réparation dès ce matin.",
            vec![],
        ),
        (
            Language::Fr,
            "Marie Dubois vous répondra.",
            vec![
                (WarningKind::StaffName, "Marie"),
                (WarningKind::StaffName, "Dubois"),
            ],
        ),
    ];
    assert!(cases.len() >= 30);
    for (language, text, expected) in cases {
        let found: Vec<(WarningKind, String)> = check(text, &context(), language)
            .into_iter()
            .map(|w| (w.kind, w.matched))
            .collect();
        let expected: Vec<(WarningKind, String)> = expected
            .into_iter()
            .map(|(k, m)| (k, m.to_owned()))
            .collect();
        assert_eq!(found, expected, "{language:?}: {text:?}");
    }
}

#[test]
fn warnings_carry_utf16_offsets_and_safer_wording() {
    let text = "Café: Fibre Net is down";
    let warnings = check(text, &context(), Language::En);
    let w = &warnings[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[w.start as usize..w.end as usize]).unwrap(),
        "Fibre Net"
    );
    assert_eq!(w.suggestion, "our provider");
    let fr = check("Fibre Net répare", &context(), Language::Fr);
    assert_eq!(fr[0].suggestion, "notre prestataire");
    let root = check("The street cabinet flooded", &context(), Language::En);
    assert_eq!(root[0].suggestion, "a technical problem");
}

mod for_incident {
    use chrono::{FixedOffset, TimeZone, Utc};

    use super::*;

    use crate::contacts::{ContactDetails, ContactKind};
    use crate::incidents::{AssessInput, CallInput, IncidentStart, ReviewInput};
    use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
    use crate::store::Store;

    #[test]
    fn the_draft_uses_the_incident_and_the_check_knows_the_plan() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
        let paris = FixedOffset::east_opt(3600).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_business(&crate::testing::corner_cafe(Language::En, None), now)
            .unwrap();
        let isp = store
            .create_contact(
                &ContactDetails {
                    kind: ContactKind::InternetProvider,
                    organisation: "Fibre Net".into(),
                    person: String::new(),
                    phones: vec![],
                    email: String::new(),
                    website: String::new(),
                    outage_page: String::new(),
                    status_page: String::new(),
                    account_number: "FN-88231".into(),
                    customer_id: String::new(),
                    support_hours: String::new(),
                    notes: String::new(),
                },
                now,
            )
            .unwrap();
        let card = store
            .create_service(
                &ServiceDetails {
                    name: "Card payments".into(),
                    priority: Priority::Essential,
                    customer_facing: true,
                    max_downtime_minutes: 30,
                    customers_affected: Some(40),
                    customers_per: CustomersPer::Hour,
                    no_workaround: false,
                    notes: String::new(),
                    contact_ids: vec![isp.id],
                },
                now,
            )
            .unwrap();
        store
            .create_workaround(
                card.id,
                &WorkaroundDetails {
                    title: "Cash only".into(),
                    steps: String::new(),
                    customer_message: "We take cash only for now.".into(),
                    limits: String::new(),
                    contact_ids: vec![],
                    service_ids: vec![],
                },
                now,
            )
            .unwrap();
        let incident = store
            .start_incident(
                &IncidentStart {
                    service_ids: vec![card.id],
                    something_else: String::new(),
                    started_at: None,
                },
                now,
            )
            .unwrap();
        store
            .assess_incident(
                incident.id,
                &AssessInput {
                    expected_minutes: Some(120),
                    ..AssessInput::default()
                },
                now,
            )
            .unwrap();
        store
            .log_call(
                incident.id,
                &CallInput {
                    contact_id: Some(isp.id),
                    ticket: "T-4471".into(),
                    ..CallInput::default()
                },
                now,
            )
            .unwrap();
        store
            .save_review(
                incident.id,
                &ReviewInput {
                    root_cause: "Fibre Net cabinet flooded".into(),
                    could_recur: CouldRecur::Yes,
                    actions: vec![],
                },
                now,
            )
            .unwrap();

        let sms = store
            .draft_notice(
                incident.id,
                Stage::Initial,
                Channel::Sms,
                Language::En,
                now,
                paris,
            )
            .unwrap();
        assert_eq!(
            sms.draft.body,
            "Corner Café: problem with card payments, we are on it. We expect it to be fixed \
             within about 2 hours. We take cash only for now."
        );
        assert!(sms.check.warnings.is_empty(), "{:?}", sms.check.warnings);
        assert_eq!(sms.check.length.sms_segments, Some(1));

        let email = store
            .draft_notice(
                incident.id,
                Stage::Initial,
                Channel::Email,
                Language::En,
                now,
                paris,
            )
            .unwrap();
        assert!(
            email.draft.body.contains("We will update you by 10:30."),
            "{}",
            email.draft.body
        );
        assert!(
            email.draft.body.contains("It affects about 80 customers."),
            "{}",
            email.draft.body
        );

        let edited = "Fibre Net cabinet flooded; ticket T-4471, account FN-88231.";
        let checked = store
            .check_notice(incident.id, Channel::Sms, Language::En, None, edited)
            .unwrap();
        let kinds: Vec<_> = checked
            .warnings
            .iter()
            .map(|w| (w.kind, w.matched.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (WarningKind::RootCause, "Fibre Net cabinet flooded"),
                (WarningKind::Identifier, "T-4471"),
                (WarningKind::Identifier, "FN-88231"),
            ]
        );
    }
}

mod owner_templates {
    use chrono::{TimeZone, Utc};

    use super::*;

    use crate::error::FieldProblem;
    use crate::notices::templates::NoticeTemplate;
    use crate::store::Store;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let input = crate::testing::corner_cafe(Language::En, None);
        store.save_business(&input, Utc::now()).unwrap();
        store
    }

    #[test]
    fn an_owner_copy_replaces_the_default_until_restored() {
        let mut store = store();
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
        let default = store
            .notice_template(Stage::Initial, Channel::Door, Language::En)
            .unwrap();
        assert!(!default.customised);

        let mine = NoticeTemplate {
            body: "Sorry! {What} is down. {eta}\n{business}".into(),
            ..default.clone()
        };
        let saved = store.save_notice_template(&mine, now).unwrap();
        assert!(saved.customised);
        let preview = store.preview_notice(&saved).unwrap();
        assert_eq!(
            preview.body,
            "Sorry! [WHAT IS DOWN] is down. We do not have a time for the fix yet.\nCorner Café"
        );
        assert_eq!(preview.unfilled, ["[WHAT IS DOWN]"]);
        let other = store
            .notice_template(Stage::Initial, Channel::Door, Language::Fr)
            .unwrap();
        assert!(
            !other.customised,
            "one language's copy leaves the other alone"
        );

        let restored = store
            .restore_notice_template(Stage::Initial, Channel::Door, Language::En)
            .unwrap();
        assert_eq!(restored, default);
    }

    #[test]
    fn a_broken_template_is_refused_and_changes_nothing() {
        let default = store()
            .notice_template(Stage::Update, Channel::Email, Language::Fr)
            .unwrap();
        let check = |template: NoticeTemplate, field: &str, problem: FieldProblem| {
            let mut store = store();
            let err = store
                .save_notice_template(&template, Utc::now())
                .unwrap_err();
            assert!(
                matches!(&err, CoreError::Validation(f) if f[0].field == field && f[0].problem == problem),
                "{err:?}"
            );
            assert!(
                !store
                    .notice_template(template.stage, template.channel, template.language)
                    .unwrap()
                    .customised
            );
        };
        check(
            NoticeTemplate {
                body: " ".into(),
                ..default.clone()
            },
            "body",
            FieldProblem::Required,
        );
        check(
            NoticeTemplate {
                body: "Back {soon}".into(),
                ..default.clone()
            },
            "body",
            FieldProblem::Unknown,
        );
        check(
            NoticeTemplate {
                body: "Back {eta".into(),
                ..default.clone()
            },
            "body",
            FieldProblem::Unknown,
        );
        check(
            NoticeTemplate {
                subject: Some(String::new()),
                ..default.clone()
            },
            "subject",
            FieldProblem::Required,
        );
    }
}

#[test]
fn an_email_is_its_subject_a_blank_line_and_its_body_each_as_checked() {
    use super::whole_text;
    let check = |subject: Option<&str>, body: &str, expected: &str| {
        assert_eq!(whole_text(subject, body), expected, "{subject:?} {body:?}");
    };
    check(
        Some("Closed today"),
        "We are closed.",
        "Closed today\n\nWe are closed.",
    );
    check(
        Some("  Closed today \n"),
        "\n We are closed. \n",
        "Closed today\n\nWe are closed.",
    );
    check(Some("   "), " As typed ", " As typed ");
    check(None, " As typed ", " As typed ");
}

/// The notices' texts in a test-only language, every English text wrapped in "⟦…⟧".
pub(crate) const PSEUDO: &str = include_str!("../../notices/test/pseudo.json");

#[test]
fn every_language_has_its_notice_texts() {
    for (language, json) in super::TEXTS.files().iter().chain([&(Language::En, PSEUDO)]) {
        let read: Result<super::Texts, _> = serde_json::from_str(json);
        assert!(read.is_ok(), "{language:?}: {:?}", read.err());
    }
}
