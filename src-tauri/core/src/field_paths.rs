//! The names of the fields a refusal can point at, written once. The core names a refused field
//! only through these enums (never a string of its own), and the same table is generated into
//! `ui/src/lib/ipc/fields.ts` as one union type per form, so a form that reads a message for a
//! field the core cannot name fails the type check instead of never showing it. Each path of a
//! form that sends one struct is checked against that struct's serde names (see the tests), so
//! renaming a field cannot leave its refusals pointing at nothing.
//!
//! Architecture invariant: this module uses no other module of the core, so every module that
//! refuses input can use it.

use std::fmt;

/// A field a refusal can point at: `phones.2.number` as the window names it.
pub trait FieldPath: Copy {
    fn path(self) -> String;
}

macro_rules! forms {
    ($(
        $(#[$doc:meta])*
        $form:ident {
            $( $variant:ident $(($i:ident))? => $path:literal ),* $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum $form {
                $( $variant $((forms!(@index $i)))? ),*
            }

            impl FieldPath for $form {
                fn path(self) -> String {
                    match self {
                        $( Self::$variant $(($i))? => format!($path), )*
                    }
                }
            }

            impl $form {
                /// The field `path` names (as [`FieldPath::path`] writes it), if this form has it.
                pub fn from_path(path: &str) -> Option<Self> {
                    $(
                        if let Some(found) = forms!(@parse path, $path, $variant $(($i))?) {
                            return Some(found);
                        }
                    )*
                    None
                }
            }

            impl fmt::Display for $form {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&self.path())
                }
            }
        )*

        /// Every form by its TypeScript name, with its paths as written (`phones.{i}.number`).
        #[cfg(test)]
        pub(crate) const FORMS: &[(&str, &[&str])] = &[$( (stringify!($form), &[$($path),*]) ),*];
    };
    (@index $i:ident) => { usize };
    (@parse $p:ident, $path:literal, $variant:ident) => {
        ($p == $path).then_some(Self::$variant)
    };
    (@parse $p:ident, $path:literal, $variant:ident ($i:ident)) => {
        index_in($p, $path).map(Self::$variant)
    };
}

/// The `{i}` of `pattern` (`phones.{i}.number`) as it stands in `path` (`phones.2.number`).
fn index_in(path: &str, pattern: &str) -> Option<usize> {
    let (before, after) = pattern.split_once("{i}")?;
    path.strip_prefix(before)?.strip_suffix(after)?.parse().ok()
}

forms! {
    /// The contact form (`contacts::ContactDetails`).
    ContactField {
        Organisation => "organisation",
        Person => "person",
        Phones => "phones",
        PhoneLabel(i) => "phones.{i}.label",
        PhoneNumber(i) => "phones.{i}.number",
        Email => "email",
        Website => "website",
        OutagePage => "outagePage",
        StatusPage => "statusPage",
        AccountNumber => "accountNumber",
        CustomerId => "customerId",
        SupportHours => "supportHours",
        Notes => "notes",
    }
    /// A critical service (`plan::services::ServiceDetails`).
    ServiceField {
        Name => "name",
        MaxDowntimeMinutes => "maxDowntimeMinutes",
        ContactIds => "contactIds",
        Notes => "notes",
    }
    /// A workaround (`plan::services::WorkaroundDetails`).
    WorkaroundField {
        Title => "title",
        ContactIds => "contactIds",
        ServiceIds => "serviceIds",
        Steps => "steps",
        CustomerMessage => "customerMessage",
        Limits => "limits",
    }
    /// A runbook (`plan::runbooks::RunbookDetails`).
    RunbookField {
        Title => "title",
        Steps => "steps",
        Step(i) => "steps.{i}",
        ServiceId => "serviceId",
    }
    /// The people's safety plan (`plan::safety::SafetyDetails`).
    SafetyField {
        AssemblyPoint => "assemblyPoint",
        Checklist => "checklist",
        ChecklistItem(i) => "checklist.{i}",
        CallTree => "callTree",
        Called(i) => "callTree.{i}",
        Caller(i) => "callTree.{i}.callerId",
    }
    /// A role in the team plan (`team::RoleDetails`).
    RoleField {
        Kind => "kind",
        Name => "name",
        Duties => "duties",
        Duty(i) => "duties.{i}",
        HolderIds => "holderIds",
        Holder(i) => "holderIds.{i}",
        StandInId => "standInId",
        ContactIds => "contactIds",
        ServiceIds => "serviceIds",
    }
    /// The owner as the team reaches them (`team::TeamSettings`).
    TeamSettingsField {
        OwnerName => "ownerName",
        OwnerPhone => "ownerPhone",
        DeputyId => "deputyId",
    }
    /// How one person's role card is made (`team::CardSettings`).
    CardSettingsField {
        ContactId => "contactId",
        Language => "language",
        AccountNumbers => "accountNumbers",
    }
    /// The business's own details (`business::BusinessInput`).
    BusinessField {
        Name => "name",
    }
    /// How often reminders come back (`reminders::ReminderSettings`).
    ReminderSettingsField {
        CriticalEvery => "criticalEvery",
        MajorEvery => "majorEvery",
        MinorEvery => "minorEvery",
    }
    /// Starting an incident (`incidents::IncidentStart`).
    StartField {
        ServiceIds => "serviceIds",
        SomethingElse => "somethingElse",
        StartedAt => "startedAt",
    }
    /// Assessing an incident (`incidents::AssessInput`).
    AssessField {
        Summary => "summary",
        ExpectedMinutes => "expectedMinutes",
    }
    /// Overriding the severity: the reason is its own argument.
    OverrideField {
        Reason => "overrideReason",
    }
    /// A call logged during an incident (`incidents::CallInput`).
    CallField {
        ContactName => "contactName",
        ContactId => "contactId",
        Ticket => "ticket",
        SpokeTo => "spokeTo",
        Notes => "notes",
    }
    /// A notice marked as sent (`incidents::NoticeInput`).
    NoticeField {
        Text => "text",
    }
    /// The review after an incident (`incidents::ReviewInput`).
    ReviewField {
        RootCause => "rootCause",
        Actions => "actions",
        ActionText(i) => "actions.{i}.text",
        ActionOwner(i) => "actions.{i}.owner",
    }
    /// Resolving an incident: every service must be confirmed first, and in a danger outage
    /// everyone on the team marked safe (unless the owner overrides).
    ResolveField {
        Services => "services",
        Team => "team",
    }
    /// A person's state during an outage (`incidents::team::CheckInInput`).
    CheckInField {
        ContactId => "contactId",
        State => "state",
        At => "at",
        ArrivalAt => "arrivalAt",
    }
    /// A task of the outage handed to a person: the task's key and the person are arguments.
    HandOffField {
        Task => "task",
        ContactId => "contactId",
    }
    /// A note added to an incident's timeline: the text is the argument.
    NoteField {
        Text => "text",
    }
    /// Ticking a line of a checklist: the item's key is the argument.
    ChecklistField {
        Item => "item",
    }
    /// A planned outage (`announced::AnnouncedDetails`).
    AnnouncedField {
        StartsAt => "startsAt",
        Label => "label",
        Source => "source",
        ExpectedMinutes => "expectedMinutes",
        ServiceIds => "serviceIds",
    }
    /// A notice template (`notices::templates::NoticeTemplate`).
    TemplateField {
        Subject => "subject",
        Body => "body",
    }
    /// A notice checked before it is sent: the subject and body are its arguments.
    NoticeCheckField {
        Subject => "subject",
        Body => "body",
    }
    /// A text carried to the owner's phone as codes: the text is the argument.
    PhoneCodesField {
        Text => "text",
    }
    /// A door sign's text, printed: the text is the argument.
    DoorSignField {
        Text => "text",
    }
    /// A reminder named by the window: the key is the argument.
    ReminderKeyField {
        Key => "key",
    }
    /// Importing contacts from a vCard: the kinds the owner left, card by card.
    VcardImportField {
        Kinds => "kinds",
    }
    /// Who fixes what a drill found, and by when: the owner and due date are arguments.
    PlanActionField {
        Owner => "owner",
        DueOn => "dueOn",
    }
    /// Starting a drill (`drills::DrillStart`).
    DrillStartField {
        Scenario => "scenario",
        ServiceId => "serviceId",
    }
    /// A drill acted on: its id is the argument (refused once it has ended).
    DrillField {
        Id => "id",
    }
    /// A surprise of a drill answered: the surprise's key and the choice are arguments.
    InjectAnswerField {
        Inject => "inject",
        Answer => "answer",
    }
    /// A number that did not work during a drill: the contact and the number are arguments.
    BadNumberField {
        ContactId => "contactId",
        Number => "number",
    }
    /// What an hour of outage costs (`costs::CostSettingsInput`).
    CostSettingsField {
        Currency => "currency",
        Days => "days",
        Opens(i) => "days.{i}.opens",
        Closes(i) => "days.{i}.closes",
        Takings(i) => "days.{i}.takings",
        StaffPerHour => "staffPerHour",
        SubscribedKva => "subscribedKva",
        Utility => "utility",
        Insurer => "insurer",
        PolicyNumber => "policyNumber",
        WaitingHours => "waitingHours",
    }
    /// A service's own costs (`costs::ServiceCostsInput`).
    ServiceCostsField {
        Takings => "takings",
        Day(i) => "takings.{i}",
        Workarounds => "workarounds",
        Workaround(i) => "workarounds.{i}.workaroundId",
        KeptPercent(i) => "workarounds.{i}.keptPercent",
    }
    /// Something the outage made the owner spend (`costs::ExpenseInput`).
    ExpenseField {
        What => "what",
        Amount => "amount",
        SpentOn => "spentOn",
    }
    /// Stock thrown away (`costs::SpoiledInput`).
    SpoiledField {
        Item => "item",
        Quantity => "quantity",
        Unit => "unit",
        UnitCost => "unitCost",
        ThrownAt => "thrownAt",
        Why => "why",
        ColdStoreId => "coldStoreId",
    }
    /// A fridge or freezer of the plan (`costs::cold::ColdStoreInput`).
    ColdStoreField {
        Name => "name",
        Kind => "kind",
        SafeMinutes => "safeMinutes",
        ServiceId => "serviceId",
    }
    /// A temperature read during an outage (`costs::cold::ColdReadingInput`).
    ColdReadingField {
        Celsius => "celsius",
        At => "at",
    }
}

#[cfg(test)]
mod tests {
    use serde::de::{self, Deserialize, Visitor};

    use super::*;

    /// Stops a deserialization once serde has said which fields a struct has.
    struct Fields;

    #[derive(Debug)]
    struct Found(Vec<&'static str>);

    impl fmt::Display for Found {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    impl std::error::Error for Found {}

    impl de::Error for Found {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Self(Vec::new())
        }
    }

    impl<'de> de::Deserializer<'de> for Fields {
        type Error = Found;

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields.to_vec()))
        }

        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Found> {
            Err(Found(Vec::new()))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    /// The names serde reads for `T`'s fields, after its renames.
    fn names<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
        match T::deserialize(Fields) {
            Ok(_) => Vec::new(),
            Err(Found(names)) => names,
        }
    }

    /// A form, the serde names of the struct it sends, and those of its lists' items.
    type Input = (
        &'static str,
        Vec<&'static str>,
        Vec<(&'static str, Vec<&'static str>)>,
    );

    fn inputs() -> Vec<Input> {
        use crate::{
            announced, business, contacts, costs, drills, incidents, notices, plan, reminders, team,
        };
        vec![
            (
                "ContactField",
                names::<contacts::ContactDetails>(),
                vec![("phones", names::<contacts::Phone>())],
            ),
            (
                "ServiceField",
                names::<plan::services::ServiceDetails>(),
                vec![],
            ),
            (
                "WorkaroundField",
                names::<plan::services::WorkaroundDetails>(),
                vec![],
            ),
            (
                "RunbookField",
                names::<plan::runbooks::RunbookDetails>(),
                vec![],
            ),
            (
                "SafetyField",
                names::<plan::safety::SafetyDetails>(),
                vec![("callTree", names::<plan::safety::CallTreeEntry>())],
            ),
            ("RoleField", names::<team::RoleDetails>(), vec![]),
            ("TeamSettingsField", names::<team::TeamSettings>(), vec![]),
            ("CardSettingsField", names::<team::CardSettings>(), vec![]),
            ("BusinessField", names::<business::BusinessInput>(), vec![]),
            (
                "ReminderSettingsField",
                names::<reminders::ReminderSettings>(),
                vec![],
            ),
            ("StartField", names::<incidents::IncidentStart>(), vec![]),
            (
                "CostSettingsField",
                names::<costs::CostSettingsInput>(),
                vec![("days", names::<costs::OpeningDayInput>())],
            ),
            (
                "ServiceCostsField",
                names::<costs::ServiceCostsInput>(),
                vec![("workarounds", names::<costs::WorkaroundSalesInput>())],
            ),
            ("ExpenseField", names::<costs::ExpenseInput>(), vec![]),
            ("SpoiledField", names::<costs::SpoiledInput>(), vec![]),
            ("ColdStoreField", names::<costs::ColdStoreInput>(), vec![]),
            (
                "ColdReadingField",
                names::<costs::cold::ColdReadingInput>(),
                vec![],
            ),
            ("DrillStartField", names::<drills::DrillStart>(), vec![]),
            ("AssessField", names::<incidents::AssessInput>(), vec![]),
            ("CallField", names::<incidents::CallInput>(), vec![]),
            ("NoticeField", names::<incidents::NoticeInput>(), vec![]),
            (
                "CheckInField",
                names::<incidents::team::CheckInInput>(),
                vec![],
            ),
            (
                "ReviewField",
                names::<incidents::ReviewInput>(),
                vec![("actions", names::<incidents::PreventionAction>())],
            ),
            (
                "AnnouncedField",
                names::<announced::AnnouncedDetails>(),
                vec![],
            ),
            (
                "TemplateField",
                names::<notices::templates::NoticeTemplate>(),
                vec![],
            ),
        ]
    }

    /// Forms whose fields are a command's own arguments, not a struct's.
    const ARGUMENTS: &[&str] = &[
        "OverrideField",
        "ResolveField",
        "HandOffField",
        "NoteField",
        "ChecklistField",
        "NoticeCheckField",
        "PhoneCodesField",
        "DoorSignField",
        "ReminderKeyField",
        "VcardImportField",
        "PlanActionField",
        "DrillField",
        "InjectAnswerField",
        "BadNumberField",
    ];

    #[test]
    fn every_path_names_a_field_serde_reads() {
        let inputs = inputs();
        for (form, paths) in FORMS {
            let Some((_, fields, lists)) = inputs.iter().find(|(name, ..)| name == form) else {
                assert!(
                    ARGUMENTS.contains(form),
                    "{form}: which struct does it send?"
                );
                continue;
            };
            assert!(!fields.is_empty(), "{form}: serde named no field");
            for path in *paths {
                let mut segments = path.split('.');
                let first = segments.next().unwrap_or_default();
                assert!(
                    fields.contains(&first),
                    "{form}: `{path}` is not a field of the input ({fields:?})"
                );
                let rest: Vec<&str> = segments.collect();
                match rest.as_slice() {
                    [] | ["{i}"] => {}
                    ["{i}", field] => {
                        let item = lists
                            .iter()
                            .find(|(list, _)| list == &first)
                            .map(|(_, item)| item)
                            .unwrap_or_else(|| panic!("{form}: what are the items of `{first}`?"));
                        assert!(
                            item.contains(field),
                            "{form}: `{path}` is not a field of the item ({item:?})"
                        );
                    }
                    _ => panic!("{form}: `{path}` is not a path the check knows"),
                }
            }
        }
    }

    #[test]
    fn a_path_reads_back_as_the_field_that_wrote_it() {
        for field in [
            ContactField::Organisation,
            ContactField::PhoneLabel(0),
            ContactField::PhoneNumber(12),
            ContactField::Notes,
        ] {
            assert_eq!(ContactField::from_path(&field.path()), Some(field));
        }
        assert_eq!(
            SafetyField::from_path("callTree.3.callerId"),
            Some(SafetyField::Caller(3))
        );
        assert_eq!(
            ContactField::from_path("phones"),
            Some(ContactField::Phones)
        );
        assert_eq!(ContactField::from_path("phones.x.number"), None);
        assert_eq!(ContactField::from_path("phones.1.numbers"), None);
        assert_eq!(ContactField::from_path("outage_page"), None);
        assert_eq!(ContactField::from_path(""), None);
    }

    #[test]
    fn paths_read_as_the_window_names_them() {
        assert_eq!(ContactField::OutagePage.path(), "outagePage");
        assert_eq!(ContactField::PhoneNumber(2).path(), "phones.2.number");
        assert_eq!(SafetyField::Caller(0).to_string(), "callTree.0.callerId");
        assert_eq!(RunbookField::Step(3).path(), "steps.3");
    }
}
