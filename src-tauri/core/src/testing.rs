//! A plan with something in every table, for the tests that must see all of the data survive
//! (backups, restore, export and import).

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::business::{BusinessInput, BusinessType, Country, Language};
use crate::contacts::{ContactDetails, ContactKind, Phone};
use crate::incidents::{
    AssessInput, CallInput, Cause, CouldRecur, IncidentStart, NoticeInput, PreventionAction,
    ReviewInput,
};
use crate::notices::templates::NoticeTemplate;
use crate::notices::{Channel, Stage};
use crate::plan::runbooks::RunbookDetails;
use crate::plan::safety::CallTreeEntry;
use crate::plan::services::{CustomersPer, Priority, ServiceDetails, WorkaroundDetails};
use crate::print::PrintDocument;
use crate::reminders::ReminderSettings;
use crate::store::Store;

/// The business most tests run as: "Corner Café", a café, in `language` and `country`.
pub fn corner_cafe(language: Language, country: Option<Country>) -> BusinessInput {
    BusinessInput {
        name: "Corner Café".into(),
        business_type: BusinessType::CafeRestaurant,
        language,
        country,
    }
}

pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

/// Every table of the database gets at least one row, with accents and line breaks in the
/// text, as of 20 November 2026.
pub fn fill_everything(store: &mut Store) {
    // As after a sync with another computer.
    store
        .conn
        .execute(
            "INSERT INTO sync_mark (id, mark) VALUES (1, '5eed0000000000000000000000000001')",
            [],
        )
        .unwrap();
    store
        .save_business(&corner_cafe(Language::Fr, None), at(20, 8, 0))
        .unwrap();
    store
        .apply_starter_plan(BusinessType::CafeRestaurant, Language::Fr, at(20, 8, 0))
        .unwrap();
    let power = store
        .create_contact(
            &ContactDetails {
                organisation: "Électricité Réseau".into(),
                phones: vec![
                    Phone {
                        label: "Dépannage".into(),
                        number: "09 72 67 50 75".into(),
                    },
                    Phone {
                        label: "Ventes".into(),
                        number: "+33 1 23 45 67 89".into(),
                    },
                ],
                account_number: "PDL 1234 5678".into(),
                customer_id: "C-77".into(),
                outage_page: "https://example.fr/coupure".into(),
                notes: "Donner le numéro du compteur\nDemander la référence".into(),
                ..ContactDetails::new(ContactKind::PowerUtility)
            },
            at(20, 8, 5),
        )
        .unwrap();
    let ana = store
        .create_contact(
            &ContactDetails {
                person: "Ana Lima".into(),
                phones: vec![Phone {
                    label: "Mobile".into(),
                    number: "06 11 22 33 44".into(),
                }],
                ..ContactDetails::new(ContactKind::Staff)
            },
            at(20, 8, 6),
        )
        .unwrap();
    let espresso = store
        .create_service(
            &ServiceDetails {
                name: "Machine à espresso".into(),
                priority: Priority::Essential,
                customer_facing: true,
                max_downtime_minutes: 45,
                customers_affected: Some(30),
                customers_per: CustomersPer::Hour,
                no_workaround: false,
                notes: "Au fond à gauche".into(),
                contact_ids: vec![power.id],
            },
            at(20, 8, 10),
        )
        .unwrap();
    let other_service = store.list_services().unwrap()[0].id;
    let workaround = store
        .create_workaround(
            espresso.id,
            &WorkaroundDetails {
                title: "Café filtre".into(),
                steps: "Faire bouillir l'eau\nSortir la grande cafetière".into(),
                customer_message: "Pas d'espresso : café filtre aujourd'hui.".into(),
                limits: "40 tasses par heure".into(),
                contact_ids: vec![ana.id],
                service_ids: vec![other_service],
            },
            at(20, 8, 11),
        )
        .unwrap();
    store
        .create_runbook(
            &RunbookDetails {
                title: "Redémarrer la machine".into(),
                service_id: Some(espresso.id),
                steps: vec!["Couper au mur".into(), "Attendre 30 secondes".into()],
            },
            at(20, 8, 12),
        )
        .unwrap();
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = "L'arrêt de bus en face".into();
    safety
        .checklist
        .push("Vérifier que le gaz est coupé".into());
    safety.call_tree = vec![CallTreeEntry {
        contact_id: ana.id,
        caller_id: None,
    }];
    store.save_safety(&safety, at(20, 8, 13)).unwrap();
    store.mark_plan_reviewed(at(20, 8, 14)).unwrap();
    store
        .save_notice_template(
            &NoticeTemplate {
                stage: Stage::Initial,
                channel: Channel::Sms,
                language: Language::Fr,
                subject: None,
                body: "{business} : panne en cours, nous revenons vite.".into(),
                customised: true,
            },
            at(20, 8, 15),
        )
        .unwrap();
    store
        .save_reminder_settings(&ReminderSettings {
            notifications: true,
            critical_every: Some(15),
            major_every: Some(45),
            minor_every: None,
        })
        .unwrap();
    store
        .record_printed(PrintDocument::Binder, at(20, 8, 20))
        .unwrap();

    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![espresso.id],
                something_else: "La hotte".into(),
                started_at: None,
            },
            at(20, 9, 0),
        )
        .unwrap();
    let id = incident.id;
    store
        .assess_incident(
            id,
            &AssessInput {
                summary: "Plus de courant à la machine".into(),
                cause: Cause::Power,
                danger: true,
                customers_affected: Some(40),
                expected_minutes: Some(120),
            },
            at(20, 9, 2),
        )
        .unwrap();
    store
        .log_call(
            id,
            &CallInput {
                contact_id: Some(power.id),
                contact_name: String::new(),
                ticket: "INC-4711".into(),
                spoke_to: "Marc".into(),
                eta: Some(at(20, 11, 0)),
                call_back_at: Some(at(20, 10, 30)),
                notes: "Toute la rue est coupée".into(),
            },
            at(20, 9, 10),
        )
        .unwrap();
    store
        .record_notice(
            id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: "Corner Café : la machine est arrêtée, café filtre aujourd'hui.".into(),
            },
            at(20, 9, 15),
        )
        .unwrap();
    store
        .activate_workaround(id, workaround.id, at(20, 9, 16))
        .unwrap();
    let incident = store
        .tick_check(id, "assess.danger", true, at(20, 9, 18))
        .unwrap();
    store
        .add_incident_note(id, "Le voisin a un groupe électrogène", at(20, 9, 20))
        .unwrap();
    // The team: Ana reached (on the way, then safe) and given the call to the power company.
    store
        .check_in(
            id,
            &crate::incidents::team::CheckInInput {
                contact_id: ana.id,
                state: crate::incidents::team::TeamState::OnTheWay,
                at: Some(at(20, 9, 5)),
                arrival_at: Some(at(20, 9, 25)),
            },
            at(20, 9, 21),
        )
        .unwrap();
    store
        .check_in(
            id,
            &crate::incidents::team::CheckInInput {
                contact_id: ana.id,
                state: crate::incidents::team::TeamState::Safe,
                at: None,
                arrival_at: None,
            },
            at(20, 9, 26),
        )
        .unwrap();
    store
        .hand_off(
            id,
            &format!("call:{}", power.id),
            Some(ana.id),
            at(20, 9, 27),
        )
        .unwrap();
    store
        .confirm_restored(id, incident.services[0].id, at(20, 11, 30))
        .unwrap();
    store.resolve_incident(id, at(20, 11, 31)).unwrap();
    store
        .save_review(
            id,
            &ReviewInput {
                root_cause: "Un transformateur a lâché".into(),
                could_recur: CouldRecur::Yes,
                actions: vec![PreventionAction {
                    text: "Acheter un onduleur".into(),
                    owner: "Ana".into(),
                    due_on: NaiveDate::from_ymd_opt(2026, 12, 15),
                }],
            },
            at(20, 12, 0),
        )
        .unwrap();
    store
        .snooze_reminder(&format!("eta:{id}"), at(20, 12, 30))
        .unwrap();
    let planned = store
        .create_announced(
            &crate::announced::AnnouncedDetails {
                what: crate::announced::AnnouncedWhat::Power,
                label: "Travaux d'Enedis, rue de la Paix".into(),
                starts_at: at(27, 8, 0),
                expected_minutes: 240,
                source: "Courrier d'Enedis\ndu 18 novembre".into(),
                service_ids: vec![espresso.id, other_service],
            },
            at(20, 12, 40),
        )
        .unwrap();
    store
        .tick_announced(planned.id, "days_before.charge", true, at(20, 12, 41))
        .unwrap();
    fill_team(store, ana.id, power.id, espresso.id);
    fill_costs(store, id, espresso.id, workaround.id);
    fill_drill(store, power.id);
}

/// What the outage cost: the plan's figures (Saturday hours and takings, the espresso
/// machine's own takings, what filter coffee still sells), a fridge with a reading, an
/// expense, spoiled milk, and a claim sent.
fn fill_costs(store: &mut Store, outage: i64, espresso: i64, workaround: i64) {
    use crate::costs::{
        CostSettingsInput, Currency, ExpenseInput, OpeningDayInput, ServiceCostsInput,
        SpoiledInput, WorkaroundSalesInput,
    };
    let mut days: Vec<OpeningDayInput> = (0..7)
        .map(|_| OpeningDayInput {
            open: true,
            opens: "07:30".into(),
            closes: "19:00".into(),
            takings: "180".into(),
        })
        .collect();
    days[6].open = false;
    store
        .save_cost_settings_at(
            &CostSettingsInput {
                currency: Currency::Eur,
                days,
                staff_per_hour: "38,50".into(),
                subscribed_kva: Some(12),
                utility: "Électricité Réseau".into(),
                insurer: "Mutuelle « Commerce »".into(),
                policy_number: "PC-778812".into(),
                waiting_hours: Some(12),
            },
            at(20, 8, 0),
        )
        .unwrap();
    let mut own = vec![String::new(); 7];
    own[4] = "95".into();
    store
        .save_service_costs(
            espresso,
            &ServiceCostsInput {
                takings: own,
                workarounds: vec![WorkaroundSalesInput {
                    workaround_id: workaround,
                    kept_percent: Some(40),
                }],
            },
        )
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO cold_stores (position, name, kind, safe_minutes, service_id, created_at,
                updated_at)
             VALUES (0, 'Frigo du comptoir', 'fridge', 240, NULL, ?1, ?1)",
            [at(20, 8, 0)],
        )
        .unwrap();
    let fridge = store.conn.last_insert_rowid();
    store
        .conn
        .execute(
            "INSERT INTO cold_readings (incident_id, cold_store_id, store_name, at, tenths)
             VALUES (?1, ?2, 'Frigo du comptoir', ?3, 65)",
            rusqlite::params![outage, fridge, at(20, 10, 0)],
        )
        .unwrap();
    store
        .add_expense(
            outage,
            &ExpenseInput {
                what: "Taxi pour le terminal\nde paiement".into(),
                amount: "23,40".into(),
                spent_on: NaiveDate::from_ymd_opt(2026, 11, 20),
            },
            at(20, 12, 5),
        )
        .unwrap();
    store
        .add_spoiled(
            outage,
            &SpoiledInput {
                item: "Lait entier".into(),
                quantity: "6".into(),
                unit: "L".into(),
                unit_cost: "1,15".into(),
                thrown_at: Some(at(20, 11, 45)),
                why: "Au-dessus de 8 °C".into(),
                cold_store_id: Some(fridge),
            },
            at(20, 12, 6),
        )
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO claims_sent (incident_id, rule, sent_on) VALUES (?1, 'insurance', ?2)",
            rusqlite::params![outage, "2026-11-21"],
        )
        .unwrap();
}

/// A short drill after the outage: a surprise come and answered, a number that did not work,
/// and what to fix fed back to the plan; resolved through the outage mode.
fn fill_drill(store: &mut Store, power: i64) {
    use crate::drills::{DrillSpeed, DrillStart, Scenario};
    let drill = store
        .start_drill(
            &DrillStart {
                scenario: Scenario::PowerAtOpening,
                service_id: None,
                speed: DrillSpeed::Five,
            },
            at(20, 13, 0),
        )
        .unwrap();
    // Minute 3 of drill time at ×5: 36 seconds later.
    store
        .answer_inject(drill.id, "eta_longer", "call_again", at(20, 13, 1))
        .unwrap();
    store
        .mark_number_bad(drill.id, Some(power), "09 72 67 50 75", at(20, 13, 2))
        .unwrap();
    // What to fix, as the scorecard feeds it back to the plan.
    store
        .conn
        .execute(
            "INSERT INTO plan_actions (drill_id, kind, contact_id, subject, text, owner, due_on,
                created_at)
             VALUES (?1, 'bad_number', ?2, '09 72 67 50 75',
                'Vérifier le numéro de dépannage d''Électricité Réseau', 'Élise',
                '2026-12-01', ?3)",
            rusqlite::params![drill.id, power, at(20, 13, 5)],
        )
        .unwrap();
    let incident = store.incident(drill.incident_id, at(20, 13, 4)).unwrap();
    for service in &incident.services {
        store
            .confirm_restored(drill.incident_id, service.id, at(20, 13, 4))
            .unwrap();
    }
    store
        .resolve_incident(drill.incident_id, at(20, 13, 4))
        .unwrap();
}

/// The team: a role held by Ana with Karim standing in, naming the power company, the
/// espresso machine and a plumber since deleted; Karim's own role; each person's card
/// settings and the owner's details. (The outage's check-ins and handoff are written with
/// the incident above.)
fn fill_team(store: &mut Store, ana: i64, power: i64, espresso: i64) {
    use crate::team::{CardSettings, RoleDetails, RoleKind, TeamSettings};
    let staff = |name: &str, number: &str| ContactDetails {
        person: name.into(),
        phones: vec![Phone {
            label: "Portable".into(),
            number: number.into(),
        }],
        ..ContactDetails::new(ContactKind::Staff)
    };
    let karim = store
        .create_contact(&staff("Karim Benali", "06 55 44 33 22"), at(20, 8, 7))
        .unwrap();
    let plumber = store
        .create_contact(
            &ContactDetails {
                organisation: "Ancien plombier".into(),
                ..ContactDetails::new(ContactKind::Other)
            },
            at(20, 8, 8),
        )
        .unwrap();
    let role = |kind, name: &str, holder: i64| RoleDetails {
        kind,
        name: name.into(),
        duties: Vec::new(),
        holder_ids: vec![holder],
        stand_in_id: None,
        contact_ids: Vec::new(),
        service_ids: Vec::new(),
    };
    store
        .save_role(
            None,
            &RoleDetails {
                duties: vec![
                    "Appeler le fournisseur d'électricité".into(),
                    "Noter le numéro d'incident et l'heure promise".into(),
                ],
                stand_in_id: Some(karim.id),
                contact_ids: vec![power, plumber.id],
                service_ids: vec![espresso],
                ..role(RoleKind::CallsProviders, "", ana)
            },
            at(20, 8, 16),
        )
        .unwrap();
    store
        .save_role(
            None,
            &role(RoleKind::Own, "Ouvre la réserve du fond", karim.id),
            at(20, 8, 17),
        )
        .unwrap();
    store.delete_contact(plumber.id).unwrap();
    store
        .save_card_settings(
            &CardSettings {
                contact_id: ana,
                language: Some(Language::En),
                account_numbers: true,
            },
            at(20, 8, 18),
        )
        .unwrap();
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Élise Martin".into(),
                owner_phone: "06 12 34 56 78".into(),
                deputy_id: Some(karim.id),
            },
            at(20, 8, 19),
        )
        .unwrap();
}

/// Every table's rows, in a fixed order, as text: two databases holding the same data give
/// the same dump.
pub fn dump(store: &Store) -> Vec<(String, Vec<String>)> {
    let conn = &store.conn;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let mut rows = stmt
                .query_map([], |row| {
                    Ok((0..columns)
                        .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join(" | "))
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}
