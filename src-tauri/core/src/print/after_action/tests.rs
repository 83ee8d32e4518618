//! The after-action report, and a drill's incident report, in both languages: marked as a
//! drill in the title (so the running head of every sheet), with the scorecard, the
//! surprises and what was decided, the actions and the record.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use crate::business::{BusinessType, Language};
use crate::drills::{Drill, DrillSpeed, DrillStart, Scenario};
use crate::incidents::AssessInput;
use crate::print::html::Html;
use crate::print::{Paper, PrintDocument, PrintOptions, Printout};
use crate::store::Store;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn esc(text: &str) -> String {
    Html::text(text).into_string()
}

/// A café's drill of "internet down on a Saturday" at ×5: the first surprise answered, the
/// provider's number marked as not working, assessed, then resolved.
fn drilled(language: Language) -> (Store, Drill) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(language, None), at(-60))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, language, at(-60))
        .unwrap();
    let drill = store
        .start_drill(
            &DrillStart {
                scenario: Scenario::InternetSaturday,
                service_id: None,
                speed: DrillSpeed::Five,
            },
            at(0),
        )
        .unwrap();
    store.reminder_pass(at(1)).unwrap();
    let first = store.drill(drill.id, at(1)).unwrap().injects[0].clone();
    store
        .answer_inject(drill.id, &first.key, &first.choices[0].key, at(1))
        .unwrap();
    store
        .mark_number_bad(drill.id, None, "01 02 03 04 05", at(2))
        .unwrap();
    // Ten drill minutes: the second surprise comes, and is left unanswered.
    store.reminder_pass(at(2)).unwrap();
    store
        .assess_incident(drill.incident_id, &AssessInput::default(), at(2))
        .unwrap();
    let services = store.incident(drill.incident_id, at(3)).unwrap().services;
    for service in services {
        store
            .confirm_restored(drill.incident_id, service.id, at(3))
            .unwrap();
    }
    store.resolve_incident(drill.incident_id, at(3)).ok();
    let drill = store.drill(drill.id, at(4)).unwrap();
    (store, drill)
}

fn options(document: PrintDocument, drill: &Drill) -> PrintOptions {
    PrintOptions {
        document,
        incident_id: Some(drill.incident_id),
        drill_id: Some(drill.id),
        paper: Paper::A4,
        include_sensitive: false,
        text: None,
        language: None,
    }
}

fn render(store: &Store, options: &PrintOptions) -> Printout {
    store
        .render_printout(options, at(10), &|_| FixedOffset::east_opt(3600).unwrap())
        .unwrap()
}

#[test]
fn the_after_action_report_has_the_scorecard_decisions_actions_and_record() {
    let (store, drill) = drilled(Language::En);
    let report = render(&store, &options(PrintDocument::AfterAction, &drill));
    // The title is the running head of every sheet: each says DRILL.
    assert_eq!(
        report.title,
        format!("Corner Café · DRILL · After-action report #{}", drill.id)
    );
    assert!(report.html.contains(&esc(&report.title)));
    let card = store
        .drill_scorecard(drill.id, Language::En, at(10))
        .unwrap();
    for objective in &card.objectives {
        assert!(
            report.html.contains(&esc(&objective.name)),
            "{}",
            objective.name
        );
        assert!(report.html.contains(&esc(&objective.sentence)));
    }
    for text in [
        "DRILL — an exercise of the plan, not an outage.",
        "Scorecard",
        "Surprises and decisions",
        &drill.injects[0].text,
        &drill.injects[0].choices[0].text,
        "No decision",
        "Actions for the plan",
        "Timeline",
    ] {
        assert!(report.html.contains(&esc(text)), "{text:?} is missing");
    }
    // The number that did not work is an action, with its due date.
    let actions = store.plan_actions().unwrap();
    assert!(report.html.contains(&esc(&actions[0].text)));
    assert!(report
        .file_name
        .ends_with("DRILL · After-action report #1.pdf"));
}

#[test]
fn a_drill_s_incident_report_is_marked_on_every_page() {
    let (store, drill) = drilled(Language::En);
    let report = render(&store, &options(PrintDocument::IncidentReport, &drill));
    assert!(
        report.title.contains("DRILL · Incident report"),
        "{}",
        report.title
    );
    assert!(report
        .html
        .contains(&esc("DRILL — an exercise of the plan, not an outage.")));
}

#[test]
fn the_after_action_report_speaks_french() {
    let (store, drill) = drilled(Language::Fr);
    let report = render(&store, &options(PrintDocument::AfterAction, &drill));
    assert!(
        report
            .title
            .ends_with(&format!("EXERCICE · Compte rendu d’exercice #{}", drill.id)),
        "{}",
        report.title
    );
    for text in [
        "Bilan",
        "Imprévus et décisions",
        "Actions pour le plan",
        "Évaluer la panne",
    ] {
        assert!(report.html.contains(&esc(text)), "{text:?} is missing");
    }
    assert!(!report.html.contains("After-action"));
    let incident = render(&store, &options(PrintDocument::IncidentReport, &drill));
    assert!(incident.title.contains("EXERCICE · "), "{}", incident.title);
}

#[test]
fn a_real_outage_s_report_is_not_marked() {
    use crate::incidents::IncidentStart;
    let (mut store, drill) = drilled(Language::En);
    let real = store
        .start_incident(
            &IncidentStart {
                service_ids: Vec::new(),
                something_else: "Till".into(),
                started_at: None,
            },
            at(20),
        )
        .unwrap();
    let mut o = options(PrintDocument::IncidentReport, &drill);
    o.incident_id = Some(real.id);
    let report = render(&store, &o);
    assert!(!report.title.contains("DRILL"));
    assert!(!report.html.contains("DRILL"));
}

#[test]
fn an_after_action_report_needs_its_drill() {
    let (store, drill) = drilled(Language::En);
    let mut o = options(PrintDocument::AfterAction, &drill);
    o.drill_id = None;
    assert!(store
        .render_printout(&o, at(10), &|_| FixedOffset::east_opt(0).unwrap())
        .is_err());
}
