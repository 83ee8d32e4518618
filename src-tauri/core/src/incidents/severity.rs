//! How bad an outage is — Minor, Major or Critical — computed from the plan, with the reasons
//! in terms the owner can check ("card payments is essential and the expected 6 h exceeds the
//! 2 h your plan tolerates").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::services::Priority;
pub use crate::vocabulary::Severity;

/// One affected service as the severity rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedService {
    pub name: String,
    pub priority: Priority,
    pub customer_facing: bool,
    pub max_downtime_minutes: u32,
}

/// What the owner said about the outage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeverityInputs {
    pub services: Vec<AffectedService>,
    /// Something down that is not in the plan ("something else").
    pub something_else: bool,
    pub danger: bool,
    pub suspected_attack: bool,
    /// `None`: unknown yet.
    pub expected_minutes: Option<u32>,
    /// How long it has been down so far (until resolved, or now).
    pub elapsed_minutes: u32,
}

/// Why the level is what it is, one rule at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SeverityReason {
    /// Someone may be in danger: always Critical.
    Danger,
    /// A suspected attack: at least Major.
    SuspectedAttack,
    /// The expected downtime is longer than the plan tolerates for this service.
    ExceedsTolerance {
        service: String,
        priority: Priority,
        expected_minutes: u32,
        tolerated_minutes: u32,
    },
    /// Expected back within what the plan tolerates.
    WithinTolerance {
        service: String,
        priority: Priority,
        expected_minutes: u32,
        tolerated_minutes: u32,
    },
    /// Nobody knows yet how long it will last.
    UnknownDuration { service: String, priority: Priority },
    /// It has already been down longer than the plan tolerates.
    AlreadyDown {
        service: String,
        priority: Priority,
        down_minutes: u32,
        tolerated_minutes: u32,
    },
    /// Only something outside the plan is down.
    NotInPlan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub severity: Severity,
    /// Each reason with the level it leads to, most severe first.
    pub reasons: Vec<(Severity, SeverityReason)>,
}

fn exceeding_level(service: &AffectedService) -> Severity {
    match service.priority {
        Priority::Essential => Severity::Critical,
        Priority::Important => Severity::Major,
        Priority::CanWait if service.customer_facing => Severity::Major,
        Priority::CanWait => Severity::Minor,
    }
}

fn service_level(
    service: &AffectedService,
    expected: Option<u32>,
    elapsed: u32,
) -> (Severity, SeverityReason) {
    let name = service.name.clone();
    let priority = service.priority;
    let tolerated = service.max_downtime_minutes;
    // What has already happened outweighs a forecast that has been overtaken.
    if elapsed > tolerated && expected.is_none_or(|minutes| elapsed >= minutes) {
        return (
            exceeding_level(service),
            SeverityReason::AlreadyDown {
                service: name,
                priority,
                down_minutes: elapsed,
                tolerated_minutes: tolerated,
            },
        );
    }
    match expected {
        None => {
            let level = match priority {
                Priority::Essential => Severity::Major,
                Priority::Important | Priority::CanWait => Severity::Minor,
            };
            (
                level,
                SeverityReason::UnknownDuration {
                    service: name,
                    priority,
                },
            )
        }
        Some(minutes) if minutes > tolerated => {
            let level = exceeding_level(service);
            (
                level,
                SeverityReason::ExceedsTolerance {
                    service: name,
                    priority,
                    expected_minutes: minutes,
                    tolerated_minutes: tolerated,
                },
            )
        }
        Some(minutes) => {
            let level = match priority {
                Priority::Essential => Severity::Major,
                Priority::Important | Priority::CanWait => Severity::Minor,
            };
            (
                level,
                SeverityReason::WithinTolerance {
                    service: name,
                    priority,
                    expected_minutes: minutes,
                    tolerated_minutes: tolerated,
                },
            )
        }
    }
}

/// The severity and every reason for it.
pub fn assess(inputs: &SeverityInputs) -> Assessment {
    let mut reasons = Vec::new();
    if inputs.danger {
        reasons.push((Severity::Critical, SeverityReason::Danger));
    }
    if inputs.suspected_attack {
        reasons.push((Severity::Major, SeverityReason::SuspectedAttack));
    }
    for service in &inputs.services {
        reasons.push(service_level(
            service,
            inputs.expected_minutes,
            inputs.elapsed_minutes,
        ));
    }
    if inputs.services.is_empty() && inputs.something_else {
        reasons.push((Severity::Minor, SeverityReason::NotInPlan));
    }
    // Most severe first; the order of the rules above breaks ties.
    reasons.sort_by_key(|(level, _)| std::cmp::Reverse(level.rank()));
    let severity = reasons
        .iter()
        .fold(Severity::Minor, |acc, (level, _)| acc.max(*level));
    Assessment { severity, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Severity::{Critical, Major, Minor};

    fn svc(
        name: &str,
        priority: Priority,
        customer_facing: bool,
        tolerated: u32,
    ) -> AffectedService {
        AffectedService {
            name: name.into(),
            priority,
            customer_facing,
            max_downtime_minutes: tolerated,
        }
    }

    fn card() -> AffectedService {
        svc("Card payments", Priority::Essential, true, 120)
    }
    fn fridge() -> AffectedService {
        svc("Refrigeration", Priority::Essential, false, 240)
    }
    fn phone() -> AffectedService {
        svc("Phone line", Priority::Important, true, 240)
    }
    fn email() -> AffectedService {
        svc("Email", Priority::Important, false, 1440)
    }
    fn accounting() -> AffectedService {
        svc("Accounting", Priority::CanWait, false, 4320)
    }
    fn newsletter() -> AffectedService {
        svc("Newsletter", Priority::CanWait, true, 1440)
    }

    struct Case {
        what: &'static str,
        services: Vec<AffectedService>,
        expected_minutes: Option<u32>,
        danger: bool,
        attack: bool,
        something_else: bool,
        elapsed: u32,
        severity: Severity,
    }

    fn case(
        what: &'static str,
        services: Vec<AffectedService>,
        expected: Option<u32>,
        severity: Severity,
    ) -> Case {
        Case {
            what,
            services,
            expected_minutes: expected,
            danger: false,
            attack: false,
            something_else: false,
            elapsed: 0,
            severity,
        }
    }

    #[test]
    fn severity_table() {
        let cases = vec![
            case(
                "essential, 6 h against 2 h tolerated",
                vec![card()],
                Some(360),
                Critical,
            ),
            case(
                "essential, exactly the tolerance",
                vec![card()],
                Some(120),
                Major,
            ),
            case(
                "essential, one minute over",
                vec![card()],
                Some(121),
                Critical,
            ),
            case("essential, well within", vec![card()], Some(15), Major),
            case("essential, unknown duration", vec![card()], None, Major),
            case(
                "essential behind the scenes, over",
                vec![fridge()],
                Some(300),
                Critical,
            ),
            case(
                "essential behind the scenes, within",
                vec![fridge()],
                Some(60),
                Major,
            ),
            case(
                "important customer-facing, over",
                vec![phone()],
                Some(300),
                Major,
            ),
            case(
                "important customer-facing, equal",
                vec![phone()],
                Some(240),
                Minor,
            ),
            case(
                "important customer-facing, within",
                vec![phone()],
                Some(30),
                Minor,
            ),
            case(
                "important customer-facing, unknown",
                vec![phone()],
                None,
                Minor,
            ),
            case(
                "important behind the scenes, over",
                vec![email()],
                Some(2000),
                Major,
            ),
            case(
                "important behind the scenes, within",
                vec![email()],
                Some(60),
                Minor,
            ),
            case(
                "can wait behind the scenes, over",
                vec![accounting()],
                Some(5000),
                Minor,
            ),
            case(
                "can wait customer-facing, over",
                vec![newsletter()],
                Some(2000),
                Major,
            ),
            case("can wait, unknown", vec![accounting()], None, Minor),
            case(
                "the worst service decides",
                vec![phone(), card()],
                Some(180),
                Critical,
            ),
            case(
                "two within, one essential",
                vec![email(), card()],
                Some(60),
                Major,
            ),
            case(
                "nothing in the plan, only something else",
                vec![],
                None,
                Minor,
            ),
            Case {
                danger: true,
                ..case(
                    "danger, minor otherwise",
                    vec![accounting()],
                    Some(10),
                    Critical,
                )
            },
            Case {
                danger: true,
                ..case("danger, nothing in the plan", vec![], None, Critical)
            },
            Case {
                attack: true,
                ..case("attack, minor otherwise", vec![email()], Some(10), Major)
            },
            Case {
                attack: true,
                ..case(
                    "attack and an essential over",
                    vec![card()],
                    Some(600),
                    Critical,
                )
            },
            Case {
                attack: true,
                something_else: true,
                ..case("attack on something else", vec![], None, Major)
            },
            Case {
                something_else: true,
                ..case(
                    "something else beside an essential",
                    vec![card()],
                    Some(30),
                    Major,
                )
            },
            Case {
                elapsed: 300,
                ..case(
                    "essential, unknown, already 5 h against 2 h",
                    vec![card()],
                    None,
                    Critical,
                )
            },
            Case {
                elapsed: 120,
                ..case(
                    "essential, unknown, down exactly the tolerance",
                    vec![card()],
                    None,
                    Major,
                )
            },
            Case {
                elapsed: 300,
                ..case(
                    "essential, forecast overtaken",
                    vec![card()],
                    Some(60),
                    Critical,
                )
            },
            Case {
                elapsed: 300,
                ..case(
                    "important, already over, forecast longer",
                    vec![phone()],
                    Some(600),
                    Major,
                )
            },
            Case {
                elapsed: 5000,
                ..case(
                    "can wait behind the scenes, long down",
                    vec![accounting()],
                    None,
                    Minor,
                )
            },
        ];
        assert!(cases.len() >= 20);
        for c in cases {
            let inputs = SeverityInputs {
                services: c.services,
                something_else: c.something_else || c.danger || c.attack,
                danger: c.danger,
                suspected_attack: c.attack,
                expected_minutes: c.expected_minutes,
                elapsed_minutes: c.elapsed,
            };
            assert_eq!(assess(&inputs).severity, c.severity, "{}", c.what);
        }
    }

    #[test]
    fn reasons_say_why_most_severe_first() {
        let assessment = assess(&SeverityInputs {
            services: vec![phone(), card()],
            something_else: false,
            danger: false,
            suspected_attack: true,
            expected_minutes: Some(360),
            elapsed_minutes: 0,
        });
        assert_eq!(assessment.severity, Critical);
        assert_eq!(
            assessment.reasons,
            vec![
                (
                    Critical,
                    SeverityReason::ExceedsTolerance {
                        service: "Card payments".into(),
                        priority: Priority::Essential,
                        expected_minutes: 360,
                        tolerated_minutes: 120,
                    }
                ),
                (Major, SeverityReason::SuspectedAttack),
                (
                    Major,
                    SeverityReason::ExceedsTolerance {
                        service: "Phone line".into(),
                        priority: Priority::Important,
                        expected_minutes: 360,
                        tolerated_minutes: 240,
                    }
                ),
            ]
        );
    }
}
