//! Every word a printout says, in each language Steady speaks. A missing translation is a
//! compile error, not a blank on paper. The words of closed choices and durations are the
//! vocabulary's (`crate::vocabulary`), the same the window shows.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::business::Language;
use crate::contacts::ContactKind;
use crate::incidents::severity::Severity;
use crate::plan::services::{CustomersPer, Priority};
use crate::vocabulary::{Cause, Channel, Choice, Clock, CouldRecur, Stage};

pub struct Words {
    pub language: Language,
    /// Between a label and its value: ":" in English, " :" in French.
    pub colon: &'static str,
    pub printed_on: &'static str,
    pub page_label: &'static str,
    pub sensitive_left_out: &'static str,
    pub hidden: &'static str,
    pub none_written: &'static str,

    pub binder_title: &'static str,
    pub binder_intro: &'static str,
    pub keep_copies: &'static str,
    pub contents: &'static str,
    pub during_outage: &'static str,
    /// The five steps; they say where the document's safety part (`{safety}`) and its
    /// messages to customers (`{scripts}`) are.
    steps: [(&'static str, &'static str); 5],
    /// In the binder, safety is on the page after the steps and the scripts at the end.
    safety_in_binder: &'static str,
    scripts_in_binder: &'static str,
    /// In the pocket plan, the emergency card is above the steps, and the drafts to send are
    /// at the top during an outage.
    safety_in_pocket: &'static str,
    scripts_in_pocket: &'static str,
    pub safety: &'static str,
    pub assembly_point: &'static str,
    pub safety_checklist: &'static str,
    pub call_tree: &'static str,
    pub called_by: &'static str,
    pub called_by_owner: &'static str,
    pub emergency_numbers: &'static str,
    pub emergency_default: &'static str,
    pub contacts: &'static str,
    pub no_contacts: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub outage_page: &'static str,
    pub status_page: &'static str,
    pub account_number: &'static str,
    pub customer_id: &'static str,
    pub support_hours: &'static str,
    pub what_to_say: &'static str,
    pub services: &'static str,
    pub no_services: &'static str,
    pub priority: &'static str,
    pub customer_facing: &'static str,
    pub behind_the_scenes: &'static str,
    pub tolerable_downtime: &'static str,
    pub customers: &'static str,
    pub per_hour: &'static str,
    pub per_day: &'static str,
    pub depends_on: &'static str,
    pub notes: &'static str,
    pub no_workaround: &'static str,
    pub workaround: &'static str,
    pub tell_customers: &'static str,
    pub limits: &'static str,
    pub also_needs: &'static str,
    pub runbooks: &'static str,
    pub runbook: &'static str,
    pub scripts: &'static str,
    pub scripts_intro: &'static str,

    pub card_title: &'static str,
    pub door_sign_title: &'static str,
    pub card_numbers: &'static str,
    pub card_first_steps: &'static str,
    pub card_first: [&'static str; 3],
    /// Beside the numbers that have a code to scan.
    pub scan_to_call: &'static str,
    /// Under the code that holds every number on the card.
    pub scan_all_contacts: &'static str,

    pub pocket_title: &'static str,
    /// "Saved {date}: …", under the title of the pocket plan.
    pub pocket_saved: &'static str,
    pub pocket_outage: &'static str,
    pub pocket_drafts: &'static str,
    /// Under a draft that still holds `[MARKERS]`: "{words}" lists them.
    pub pocket_fill_in: &'static str,
    /// Under a draft the disclosure check flags: "{words}" lists what it flags.
    pub pocket_check: &'static str,

    pub report_title: &'static str,
    pub open_still: &'static str,
    pub summary: &'static str,
    pub started: &'static str,
    pub resolved: &'static str,
    pub total_downtime: &'static str,
    pub what_failed: &'static str,
    pub cause: &'static str,
    pub danger: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub customers_affected: &'static str,
    pub expected_downtime: &'static str,
    pub unknown: &'static str,
    pub severity: &'static str,
    pub severity_set_by_hand: &'static str,
    pub plan_said: &'static str,
    pub downtime_per_service: &'static str,
    pub service: &'static str,
    pub back_at: &'static str,
    pub down_for: &'static str,
    pub still_down: &'static str,
    pub calls: &'static str,
    pub no_calls: &'static str,
    pub ticket: &'static str,
    pub spoke_to: &'static str,
    pub eta: &'static str,
    pub call_back: &'static str,
    pub notices_sent: &'static str,
    pub no_notices: &'static str,
    pub workarounds_used: &'static str,
    pub no_workarounds_used: &'static str,
    pub review: &'static str,
    pub not_reviewed: &'static str,
    pub root_cause: &'static str,
    pub could_recur: &'static str,
    pub actions: &'static str,
    pub action_owner: &'static str,
    pub action_due: &'static str,
    pub timeline: &'static str,
    pub something_else: &'static str,
}

pub const EN: Words = Words {
    language: Language::En,
    colon: ":",
    printed_on: "Printed on {date}",
    page_label: "Page {n} of {total}",
    sensitive_left_out: "Account numbers and customer IDs are left out of this copy.",
    hidden: "(left out of this copy)",
    none_written: "Nothing written yet:",

    binder_title: "Recovery plan",
    binder_intro: "Who to call, what to tell customers and how to keep working when the power, \
                   the internet, the phone line or a supplier goes down.",
    keep_copies: "Keep one copy at work and one at home.",
    contents: "In this plan",
    during_outage: "During an outage",
    steps: [
        (
            "Assess",
            "Is anyone in danger? If so, safety first ({safety}). What is down, since when, \
             and how many customers does it affect?",
        ),
        (
            "Call",
            "Call the provider with the numbers in this plan. Give your account number, ask \
             for a ticket number and a time for the fix, and write them down.",
        ),
        (
            "Tell customers",
            "{scripts}: say what is down, what customers can do meanwhile \
             and when you will update them.",
        ),
        (
            "Switch to the workaround",
            "Follow the workaround written under each service below.",
        ),
        (
            "Confirm and learn",
            "Check each service works again, tell customers, and write down what happened \
             and what would stop it happening again.",
        ),
    ],
    safety: "People and safety",
    assembly_point: "Assembly point",
    safety_checklist: "Safety checklist",
    call_tree: "Call tree",
    called_by: "called by",
    called_by_owner: "called by you",
    emergency_numbers: "Emergency numbers",
    emergency_default: "Emergency services: 112 (999 in the UK, 911 in North America)",
    contacts: "Contacts",
    no_contacts: "No contact written down yet.",
    email: "Email",
    website: "Website",
    outage_page: "Outage page",
    status_page: "Status page",
    account_number: "Account number",
    customer_id: "Customer ID",
    support_hours: "Support hours",
    what_to_say: "What to say",
    services: "Critical services",
    no_services: "No critical service written down yet.",
    priority: "Priority",
    customer_facing: "customers notice it",
    behind_the_scenes: "behind the scenes",
    tolerable_downtime: "Can be down at most",
    customers: "Customers",
    per_hour: "about {n} an hour",
    per_day: "about {n} a day",
    depends_on: "Depends on",
    notes: "Notes",
    no_workaround: "No workaround: this service simply stops until it is fixed.",
    workaround: "Workaround",
    tell_customers: "Tell customers",
    limits: "Limits",
    also_needs: "Also needs",
    runbooks: "Backup runbooks",
    runbook: "Backup runbook",
    scripts: "Notice scripts",
    scripts_intro: "Fill the blanks by hand, then read out, pin up or send.",

    card_title: "Emergency card",
    door_sign_title: "Door sign",
    card_numbers: "Numbers to call",
    card_first_steps: "First steps",
    card_first: [
        "Make sure everyone is safe. In danger, call the emergency number first.",
        "Find out what is down and since when.",
        "Call the provider: give the account number, ask for a ticket and a time.",
    ],
    scan_to_call: "Point a phone’s camera at the code beside a number to call it.",
    scan_all_contacts:
        "The code beside the title adds every number on this card to the phone’s contacts.",

    safety_in_binder: "next page",
    scripts_in_binder: "Use the scripts at the end",
    safety_in_pocket: "the emergency card above",
    scripts_in_pocket: "During an outage, send the drafts at the top of this page",
    pocket_title: "Pocket plan",
    pocket_saved: "Saved on {date} by Steady. Works without network: tap a number to call it.",
    pocket_outage: "Outage in progress",
    pocket_drafts: "Notices ready to send",
    pocket_fill_in: "Replace before sending: {words}",
    pocket_check: "Check before sending, this may not belong in a public notice: {words}",

    report_title: "Incident report",
    open_still: "This incident is still open.",
    summary: "Summary",
    started: "Started",
    resolved: "Resolved",
    total_downtime: "Total downtime",
    what_failed: "What failed",
    cause: "Cause",
    danger: "Anyone in danger",
    yes: "Yes",
    no: "No",
    customers_affected: "Customers affected",
    expected_downtime: "Expected downtime",
    unknown: "Not known",
    severity: "Severity",
    severity_set_by_hand: "Set by hand: {reason}",
    plan_said: "The plan said {severity}:",
    downtime_per_service: "Downtime per service",
    service: "Service",
    back_at: "Working again",
    down_for: "Down for",
    still_down: "still down",
    calls: "Calls",
    no_calls: "No call was logged.",
    ticket: "Ticket",
    spoke_to: "Spoke to",
    eta: "Promised fix",
    call_back: "Call back",
    notices_sent: "Notices sent to customers",
    no_notices: "No notice was sent.",
    workarounds_used: "Workarounds used",
    no_workarounds_used: "No workaround was used.",
    review: "Review",
    not_reviewed: "Not reviewed yet.",
    root_cause: "Root cause (internal)",
    could_recur: "Could it happen again",
    actions: "Actions",
    action_owner: "who",
    action_due: "by",
    timeline: "Timeline",
    something_else: "Something else",
};

pub const FR: Words = Words {
    language: Language::Fr,
    colon: " :",
    printed_on: "Imprimé le {date}",
    page_label: "Page {n} sur {total}",
    sensitive_left_out: "Les numéros de compte et identifiants client ne figurent pas sur cet \
                         exemplaire.",
    hidden: "(retiré de cet exemplaire)",
    none_written: "Rien d’écrit pour l’instant :",

    binder_title: "Plan de reprise",
    binder_intro: "Qui appeler, quoi dire aux clients et comment continuer à travailler quand \
                   le courant, Internet, le téléphone ou un fournisseur tombe en panne.",
    keep_copies: "Gardez un exemplaire au travail et un à la maison.",
    contents: "Dans ce plan",
    during_outage: "Pendant une panne",
    steps: [
        (
            "Évaluer",
            "Quelqu’un est-il en danger ? Si oui, la sécurité d’abord ({safety}). Qu’est-ce \
             qui est en panne, depuis quand, et combien de clients cela touche-t-il ?",
        ),
        (
            "Appeler",
            "Appelez le prestataire avec les numéros de ce plan. Donnez votre numéro de compte, \
             demandez un numéro de ticket et un délai, et notez-les.",
        ),
        (
            "Prévenir les clients",
            "{scripts} : dites ce qui est en panne, ce que les clients \
             peuvent faire en attendant et quand vous les tiendrez informés.",
        ),
        (
            "Passer à la solution de repli",
            "Suivez la solution de repli écrite sous chaque service ci-dessous.",
        ),
        (
            "Confirmer et tirer les leçons",
            "Vérifiez que chaque service remarche, prévenez les clients, et notez ce qui s’est \
             passé et ce qui éviterait que cela recommence.",
        ),
    ],
    safety: "Personnes et sécurité",
    assembly_point: "Point de rassemblement",
    safety_checklist: "Liste de sécurité",
    call_tree: "Chaîne d’appel",
    called_by: "appelé par",
    called_by_owner: "appelé par vous",
    emergency_numbers: "Numéros d’urgence",
    emergency_default:
        "Urgences : 112 (911 au Canada ; en France aussi 15 SAMU, 17 police, 18 pompiers)",
    contacts: "Contacts",
    no_contacts: "Aucun contact noté pour l’instant.",
    email: "E-mail",
    website: "Site web",
    outage_page: "Page des pannes",
    status_page: "Page d’état",
    account_number: "Numéro de compte",
    customer_id: "Identifiant client",
    support_hours: "Horaires du support",
    what_to_say: "Que dire",
    services: "Services essentiels",
    no_services: "Aucun service essentiel noté pour l’instant.",
    priority: "Priorité",
    customer_facing: "les clients le remarquent",
    behind_the_scenes: "en coulisses",
    tolerable_downtime: "Durée de panne tolérée",
    customers: "Clients",
    per_hour: "environ {n} par heure",
    per_day: "environ {n} par jour",
    depends_on: "Dépend de",
    notes: "Notes",
    no_workaround: "Pas de solution de repli : ce service s’arrête jusqu’à la réparation.",
    workaround: "Solution de repli",
    tell_customers: "À dire aux clients",
    limits: "Limites",
    also_needs: "Nécessite aussi",
    runbooks: "Procédures de secours",
    runbook: "Procédure de secours",
    scripts: "Messages aux clients",
    scripts_intro: "Complétez les blancs à la main, puis lisez, affichez ou envoyez.",

    card_title: "Fiche d’urgence",
    door_sign_title: "Affiche pour la porte",
    card_numbers: "Numéros à appeler",
    card_first_steps: "Premiers gestes",
    card_first: [
        "Vérifiez que tout le monde est en sécurité. En cas de danger, appelez d’abord les \
         urgences.",
        "Trouvez ce qui est en panne et depuis quand.",
        "Appelez le prestataire : donnez le numéro de compte, demandez un ticket et un délai.",
    ],
    scan_to_call: "Visez le code à côté d’un numéro avec l’appareil photo d’un téléphone pour l’appeler.",
    scan_all_contacts: "Le code à côté du titre ajoute tous les numéros de cette fiche aux contacts du téléphone.",

    safety_in_binder: "page suivante",
    scripts_in_binder: "Servez-vous des messages à la fin",
    safety_in_pocket: "la fiche d’urgence ci-dessus",
    scripts_in_pocket: "Pendant une panne, envoyez les messages proposés en haut de cette page",
    pocket_title: "Plan de poche",
    pocket_saved: "Enregistré le {date} par Steady. Fonctionne sans réseau : touchez un numéro pour l’appeler.",
    pocket_outage: "Panne en cours",
    pocket_drafts: "Messages prêts à envoyer",
    pocket_fill_in: "À remplacer avant l’envoi : {words}",
    pocket_check: "À vérifier avant l’envoi, cela n’a peut-être pas sa place dans un message public : {words}",

    report_title: "Rapport d’incident",
    open_still: "Cet incident est toujours en cours.",
    summary: "Résumé",
    started: "Début",
    resolved: "Rétabli",
    total_downtime: "Durée totale",
    what_failed: "Élément en panne",
    cause: "Cause",
    danger: "Quelqu’un en danger",
    yes: "Oui",
    no: "Non",
    customers_affected: "Clients concernés",
    expected_downtime: "Durée prévue",
    unknown: "Inconnue",
    severity: "Gravité",
    severity_set_by_hand: "Fixée à la main : {reason}",
    plan_said: "Le plan disait {severity} :",
    downtime_per_service: "Durée de panne par service",
    service: "Service",
    back_at: "Rétabli le",
    down_for: "En panne pendant",
    still_down: "toujours en panne",
    calls: "Appels",
    no_calls: "Aucun appel noté.",
    ticket: "Ticket",
    spoke_to: "Interlocuteur",
    eta: "Réparation promise",
    call_back: "Rappeler",
    notices_sent: "Messages envoyés aux clients",
    no_notices: "Aucun message envoyé.",
    workarounds_used: "Solutions de repli utilisées",
    no_workarounds_used: "Aucune solution de repli utilisée.",
    review: "Analyse",
    not_reviewed: "Pas encore analysé.",
    root_cause: "Cause profonde (interne)",
    could_recur: "Cela peut-il recommencer",
    actions: "Actions",
    action_owner: "qui",
    action_due: "pour le",
    timeline: "Chronologie",
    something_else: "Autre chose",
};

pub fn words(language: Language) -> &'static Words {
    match language {
        Language::En => &EN,
        Language::Fr => &FR,
    }
}

impl Words {
    /// The five steps as the binder prints them.
    pub fn binder_steps(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps_pointing_to(self.safety_in_binder, self.scripts_in_binder)
    }

    /// The five steps as the pocket plan shows them.
    pub fn pocket_steps(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps_pointing_to(self.safety_in_pocket, self.scripts_in_pocket)
    }

    fn steps_pointing_to(
        &self,
        safety: &'static str,
        scripts: &'static str,
    ) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.steps.iter().map(move |(step, says)| {
            let says = says.replace("{safety}", safety);
            (*step, says.replace("{scripts}", scripts))
        })
    }

    /// "28 November 2026" / "28 novembre 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        let month = crate::vocabulary::month(self.language, date.month0());
        let day = crate::vocabulary::day_of_month(self.language, date.day());
        format!("{day} {month} {}", date.year())
    }

    /// A stored time as the shop's local date and time.
    pub fn date_time(&self, at: DateTime<Utc>, offset: FixedOffset, clock: Clock) -> String {
        let local = at.with_timezone(&offset);
        format!("{} {}", self.date(local.date_naive()), clock.time(local))
    }

    /// "2 hours 30 minutes", "3 days".
    pub fn duration(&self, minutes: i64) -> String {
        crate::vocabulary::duration(minutes, self.language)
    }

    pub fn kind(&self, kind: ContactKind) -> &'static str {
        kind.label(self.language)
    }

    pub fn priority(&self, priority: Priority) -> &'static str {
        priority.label(self.language)
    }

    pub fn customers_per(&self, count: u32, per: CustomersPer) -> String {
        let template = match per {
            CustomersPer::Hour => self.per_hour,
            CustomersPer::Day => self.per_day,
        };
        template.replace("{n}", &count.to_string())
    }

    pub fn severity(&self, severity: Severity) -> &'static str {
        severity.label(self.language)
    }

    pub fn cause(&self, cause: Cause) -> &'static str {
        cause.label(self.language)
    }

    pub fn could_recur_answer(&self, answer: CouldRecur) -> &'static str {
        answer.label(self.language)
    }

    pub fn stage(&self, stage: Stage) -> &'static str {
        stage.label(self.language)
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        channel.label(self.language)
    }
}
