// Generated from src-tauri/core/vocabulary/*.json by src-tauri/core/src/bindings.rs.
// Do not edit: change the data and run `make bindings`.

import type {
  AnnouncedWhat,
  BackupPlace,
  BackupReason,
  BusinessType,
  Cause,
  Channel,
  ClaimPayer,
  ColdKind,
  ColdState,
  ContactKind,
  CouldRecur,
  Country,
  Currency,
  CustomersPer,
  DrillDue,
  DrillOutcome,
  DrillSpeed,
  EmergencyService,
  Language,
  Missing,
  Objective,
  Outcome,
  Paper,
  Phase,
  Priority,
  Rating,
  RoleKind,
  Scenario,
  Severity,
  Stage,
  Step,
  Supply,
  SyncTool,
  TeamState,
  TextSize,
} from "./bindings";

/** Every closed choice the owner reads, by its type's name. */
export type Choices = {
  Language: Language;
  Country: Country;
  BusinessType: BusinessType;
  ContactKind: ContactKind;
  Priority: Priority;
  CustomersPer: CustomersPer;
  Severity: Severity;
  Cause: Cause;
  CouldRecur: CouldRecur;
  Stage: Stage;
  Channel: Channel;
  Step: Step;
  AnnouncedWhat: AnnouncedWhat;
  Phase: Phase;
  Outcome: Outcome;
  Paper: Paper;
  TextSize: TextSize;
  BackupReason: BackupReason;
  BackupPlace: BackupPlace;
  SyncTool: SyncTool;
  EmergencyService: EmergencyService;
  Supply: Supply;
  RoleKind: RoleKind;
  Scenario: Scenario;
  DrillSpeed: DrillSpeed;
  DrillOutcome: DrillOutcome;
  Rating: Rating;
  DrillDue: DrillDue;
  Objective: Objective;
  TeamState: TeamState;
  Currency: Currency;
  Missing: Missing;
  ClaimPayer: ClaimPayer;
  ColdKind: ColdKind;
  ColdState: ColdState;
};

/** The words of one language: see src-tauri/core/src/vocabulary.rs. */
export type Vocabulary = {
  choices: { [C in keyof Choices]: Record<Choices[C], string> };
  duration: {
    none: string;
    singular: number[];
    day: [string, string];
    hour: [string, string];
    minute: [string, string];
  };
  months: string[];
  weekdays: string[];
  first_of_month: string;
  emergency_in_country: Partial<Record<Country, Partial<Record<EmergencyService, string>>>>;
  markers: Record<string, string>;
};

export const VOCABULARIES = {
  en: {
    "choices": {
      "AnnouncedWhat": {
        "internet": "Internet maintenance",
        "other": "Something else",
        "phone": "Phone line maintenance",
        "power": "Power cut",
        "vendor": "A supplier's maintenance"
      },
      "BackupPlace": {
        "copy_folder": "Copy folder",
        "this_computer": "This computer"
      },
      "BackupReason": {
        "before_import": "Before an import",
        "before_join": "Before taking a shared plan",
        "before_restore": "Before a restore",
        "before_upgrade": "Before an update",
        "daily": "Daily",
        "manual": "By you"
      },
      "BusinessType": {
        "cafe_restaurant": "Café or restaurant",
        "office": "Office",
        "other": "Other",
        "retail_shop": "Retail shop",
        "salon": "Salon"
      },
      "Cause": {
        "attack": "Suspected attack",
        "hardware": "Our own equipment",
        "internet": "Internet provider",
        "phone": "Phone line",
        "power": "Power cut",
        "unknown": "Not known",
        "vendor": "A vendor's service",
        "weather": "Weather"
      },
      "Channel": {
        "door": "Door sign",
        "email": "Email",
        "phone": "Phone or voicemail",
        "sms": "SMS",
        "social": "Social post",
        "website": "Website banner"
      },
      "ClaimPayer": {
        "insurer": "Insurer",
        "isp": "Internet provider",
        "utility": "Utility"
      },
      "ColdKind": {
        "freezer_full": "Freezer, full",
        "freezer_half": "Freezer, half full",
        "fridge": "Fridge"
      },
      "ColdState": {
        "ok": "Cold enough for now",
        "past": "Past the safe limit",
        "stopped": "Power back: clock stopped",
        "warning": "Safe limit soon"
      },
      "ContactKind": {
        "bank": "Bank",
        "card_payments": "Card payments / POS",
        "emergency": "Emergency services",
        "insurance": "Insurance",
        "internet_provider": "Internet provider",
        "it_support": "IT support",
        "landlord": "Landlord / building",
        "other": "Other",
        "phone_provider": "Phone provider",
        "power_utility": "Power utility",
        "software_vendor": "Other software vendor",
        "staff": "Staff",
        "supplier": "Supplier",
        "website_vendor": "Website / booking"
      },
      "CouldRecur": {
        "no": "No",
        "unsure": "Not sure",
        "yes": "Yes"
      },
      "Country": {
        "be": "Belgium",
        "ca": "Canada",
        "ch": "Switzerland",
        "de": "Germany",
        "es": "Spain",
        "fr": "France",
        "gb": "United Kingdom",
        "ie": "Ireland",
        "it": "Italy",
        "lu": "Luxembourg",
        "nl": "Netherlands",
        "other": "Another country",
        "pt": "Portugal",
        "us": "United States"
      },
      "Currency": {
        "CAD": "Canadian dollar ($)",
        "CHF": "Swiss franc (CHF)",
        "EUR": "Euro (€)",
        "GBP": "Pound sterling (£)",
        "USD": "US dollar ($)"
      },
      "CustomersPer": {
        "day": "per day",
        "hour": "per hour"
      },
      "DrillDue": {
        "months_ago": "Your last drill was over six months ago",
        "never": "Your plan has never been rehearsed",
        "plan_changed": "Your plan changed a lot since the last drill"
      },
      "DrillOutcome": {
        "abandoned": "Abandoned",
        "resolved": "Resolved",
        "stopped_for_real": "Stopped for a real outage"
      },
      "DrillSpeed": {
        "x1": "Real time",
        "x2": "Twice as fast",
        "x5": "Five times as fast"
      },
      "EmergencyService": {
        "any": "Emergency services",
        "fire": "Fire brigade",
        "fire_medical": "Fire brigade and ambulance",
        "medical": "Ambulance",
        "police": "Police"
      },
      "Language": {
        "en": "English",
        "fr": "Français"
      },
      "Missing": {
        "opening_hours": "Opening hours are not set: lost takings cannot be counted",
        "staff_cost": "Staff cost per hour is not set",
        "takings": "Takings per hour are missing for some open hours",
        "workaround_share": "A workaround in use does not say what it still sells"
      },
      "Objective": {
        "assess": "Assess the outage",
        "first_notice": "First notice to customers",
        "notices": "Notices ready to send",
        "numbers": "Numbers that work",
        "steps": "The five steps",
        "surprises": "Surprises answered",
        "workaround": "Workaround in use"
      },
      "Outcome": {
        "did_not_happen": "Did not happen",
        "happened": "Happened: followed as an outage"
      },
      "Paper": {
        "a4": "A4",
        "letter": "US Letter"
      },
      "Phase": {
        "after": "After",
        "day_before": "The day before",
        "days_before": "A few days before",
        "during": "During",
        "hour_before": "An hour before"
      },
      "Priority": {
        "can_wait": "Can wait",
        "essential": "Essential",
        "important": "Important"
      },
      "Rating": {
        "major_challenges": "Performed with major challenges",
        "not_performed": "Not performed",
        "performed": "Performed",
        "some_challenges": "Performed with some challenges"
      },
      "RoleKind": {
        "calls_providers": "Calls providers",
        "it": "IT: knows the router",
        "opens": "Opens and assesses",
        "own": "Own role",
        "runs_workaround": "Runs the workaround",
        "safety_lead": "Safety lead",
        "talks_to_customers": "Talks to customers"
      },
      "Scenario": {
        "card_terminal_lunch": "Card terminal dead at lunch",
        "internet_saturday": "Internet down on a Saturday",
        "own": "My own: one service of the plan",
        "phone_line_cut": "Phone line cut",
        "power_at_opening": "Power cut at opening time",
        "supplier_no_delivery": "A supplier not delivering",
        "till_break_in": "A suspected break-in to the till system"
      },
      "Severity": {
        "critical": "Critical",
        "major": "Major",
        "minor": "Minor"
      },
      "Stage": {
        "follow_up": "Follow-up",
        "initial": "First notice",
        "planned": "Planned outage",
        "resolved": "Resolved",
        "update": "Update"
      },
      "Step": {
        "assess": "Assess",
        "call": "Call providers",
        "resolve": "Resolve and review",
        "tell": "Tell customers",
        "workarounds": "Workarounds"
      },
      "Supply": {
        "internet": "Internet",
        "power": "Power"
      },
      "SyncTool": {
        "dropbox": "Dropbox",
        "nextcloud": "Nextcloud",
        "one_drive": "OneDrive",
        "syncthing": "Syncthing"
      },
      "TeamState": {
        "cant_come": "Can't come",
        "here": "Here",
        "no_answer": "Called, no answer",
        "not_called": "Not called yet",
        "on_the_way": "On the way",
        "safe": "Safe"
      },
      "TextSize": {
        "100": "Normal",
        "125": "Large (125 %)",
        "150": "Larger (150 %)",
        "200": "Largest (200 %)"
      }
    },
    "duration": {
      "day": [
        "day",
        "days"
      ],
      "hour": [
        "hour",
        "hours"
      ],
      "minute": [
        "minute",
        "minutes"
      ],
      "none": "less than a minute",
      "singular": [
        1
      ]
    },
    "emergency_in_country": {},
    "first_of_month": "1",
    "markers": {
      "count": "HOW MANY CUSTOMERS",
      "other": "TO FILL IN",
      "what": "WHAT IS DOWN",
      "when": "WHEN",
      "workaround": "WHAT CUSTOMERS CAN DO INSTEAD"
    },
    "months": [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December"
    ],
    "weekdays": [
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday"
    ]
  },
  fr: {
    "choices": {
      "AnnouncedWhat": {
        "internet": "Maintenance Internet",
        "other": "Autre chose",
        "phone": "Maintenance de la ligne téléphonique",
        "power": "Coupure de courant",
        "vendor": "Maintenance d’un fournisseur"
      },
      "BackupPlace": {
        "copy_folder": "Dossier de copie",
        "this_computer": "Cet ordinateur"
      },
      "BackupReason": {
        "before_import": "Avant une importation",
        "before_join": "Avant de prendre un plan partagé",
        "before_restore": "Avant une restauration",
        "before_upgrade": "Avant une mise à jour",
        "daily": "Quotidienne",
        "manual": "Par vous"
      },
      "BusinessType": {
        "cafe_restaurant": "Café ou restaurant",
        "office": "Bureau",
        "other": "Autre",
        "retail_shop": "Commerce de détail",
        "salon": "Salon (coiffure, beauté)"
      },
      "Cause": {
        "attack": "Attaque présumée",
        "hardware": "Notre propre matériel",
        "internet": "Fournisseur d’accès Internet",
        "phone": "Ligne téléphonique",
        "power": "Coupure de courant",
        "unknown": "Inconnue",
        "vendor": "Service d’un prestataire",
        "weather": "Météo"
      },
      "Channel": {
        "door": "Affiche sur la porte",
        "email": "E-mail",
        "phone": "Téléphone ou répondeur",
        "sms": "SMS",
        "social": "Réseaux sociaux",
        "website": "Bandeau du site"
      },
      "ClaimPayer": {
        "insurer": "Assureur",
        "isp": "Fournisseur d’accès",
        "utility": "Distributeur d’électricité"
      },
      "ColdKind": {
        "freezer_full": "Congélateur plein",
        "freezer_half": "Congélateur à moitié plein",
        "fridge": "Réfrigérateur"
      },
      "ColdState": {
        "ok": "Encore au froid",
        "past": "Limite de sécurité dépassée",
        "stopped": "Courant revenu : compte arrêté",
        "warning": "Limite bientôt atteinte"
      },
      "ContactKind": {
        "bank": "Banque",
        "card_payments": "Paiement par carte / caisse",
        "emergency": "Services d’urgence",
        "insurance": "Assurance",
        "internet_provider": "Fournisseur d’accès Internet",
        "it_support": "Support informatique",
        "landlord": "Propriétaire / immeuble",
        "other": "Autre",
        "phone_provider": "Opérateur téléphonique",
        "power_utility": "Électricité",
        "software_vendor": "Autre logiciel",
        "staff": "Personnel",
        "supplier": "Fournisseur",
        "website_vendor": "Site web / réservations"
      },
      "CouldRecur": {
        "no": "Non",
        "unsure": "Je ne sais pas",
        "yes": "Oui"
      },
      "Country": {
        "be": "Belgique",
        "ca": "Canada",
        "ch": "Suisse",
        "de": "Allemagne",
        "es": "Espagne",
        "fr": "France",
        "gb": "Royaume-Uni",
        "ie": "Irlande",
        "it": "Italie",
        "lu": "Luxembourg",
        "nl": "Pays-Bas",
        "other": "Un autre pays",
        "pt": "Portugal",
        "us": "États-Unis"
      },
      "Currency": {
        "CAD": "Dollar canadien ($)",
        "CHF": "Franc suisse (CHF)",
        "EUR": "Euro (€)",
        "GBP": "Livre sterling (£)",
        "USD": "Dollar américain ($)"
      },
      "CustomersPer": {
        "day": "par jour",
        "hour": "par heure"
      },
      "DrillDue": {
        "months_ago": "Votre dernier exercice date de plus de six mois",
        "never": "Votre plan n’a jamais été répété",
        "plan_changed": "Votre plan a beaucoup changé depuis le dernier exercice"
      },
      "DrillOutcome": {
        "abandoned": "Abandonné",
        "resolved": "Rétabli",
        "stopped_for_real": "Arrêté pour une vraie panne"
      },
      "DrillSpeed": {
        "x1": "Temps réel",
        "x2": "Deux fois plus vite",
        "x5": "Cinq fois plus vite"
      },
      "EmergencyService": {
        "any": "Urgences",
        "fire": "Pompiers",
        "fire_medical": "Pompiers et ambulance",
        "medical": "Ambulance",
        "police": "Police"
      },
      "Language": {
        "en": "English",
        "fr": "Français"
      },
      "Missing": {
        "opening_hours": "Horaires d’ouverture non renseignés : le chiffre d’affaires perdu ne peut pas être compté",
        "staff_cost": "Le coût horaire du personnel n’est pas renseigné",
        "takings": "Le chiffre d’affaires horaire manque pour certaines heures d’ouverture",
        "workaround_share": "Une solution de repli utilisée ne dit pas ce qu’elle permet encore de vendre"
      },
      "Objective": {
        "assess": "Évaluer la panne",
        "first_notice": "Premier message aux clients",
        "notices": "Messages prêts à envoyer",
        "numbers": "Des numéros qui marchent",
        "steps": "Les cinq étapes",
        "surprises": "Imprévus traités",
        "workaround": "Solution de repli en place"
      },
      "Outcome": {
        "did_not_happen": "N’a pas eu lieu",
        "happened": "A eu lieu : suivie comme une panne"
      },
      "Paper": {
        "a4": "A4",
        "letter": "US Letter"
      },
      "Phase": {
        "after": "Après",
        "day_before": "La veille",
        "days_before": "Quelques jours avant",
        "during": "Pendant",
        "hour_before": "Une heure avant"
      },
      "Priority": {
        "can_wait": "Peut attendre",
        "essential": "Indispensable",
        "important": "Important"
      },
      "Rating": {
        "major_challenges": "Réalisé avec des difficultés majeures",
        "not_performed": "Non réalisé",
        "performed": "Réalisé",
        "some_challenges": "Réalisé avec quelques difficultés"
      },
      "RoleKind": {
        "calls_providers": "Appelle les fournisseurs",
        "it": "Informatique : connaît la box",
        "opens": "Ouvre et évalue",
        "own": "Rôle à part",
        "runs_workaround": "Lance la solution de repli",
        "safety_lead": "Responsable sécurité",
        "talks_to_customers": "Parle aux clients"
      },
      "Scenario": {
        "card_terminal_lunch": "Terminal de paiement en panne à midi",
        "internet_saturday": "Internet en panne un samedi",
        "own": "Le mien : un service du plan",
        "phone_line_cut": "Ligne téléphonique coupée",
        "power_at_opening": "Coupure de courant à l’ouverture",
        "supplier_no_delivery": "Un fournisseur ne livre pas",
        "till_break_in": "Intrusion suspectée dans le système de caisse"
      },
      "Severity": {
        "critical": "Critique",
        "major": "Majeure",
        "minor": "Mineure"
      },
      "Stage": {
        "follow_up": "Suivi",
        "initial": "Premier message",
        "planned": "Coupure prévue",
        "resolved": "Rétabli",
        "update": "Point d’étape"
      },
      "Step": {
        "assess": "Évaluer",
        "call": "Appeler les fournisseurs",
        "resolve": "Rétablir et analyser",
        "tell": "Prévenir les clients",
        "workarounds": "Solutions de repli"
      },
      "Supply": {
        "internet": "Internet",
        "power": "Électricité"
      },
      "SyncTool": {
        "dropbox": "Dropbox",
        "nextcloud": "Nextcloud",
        "one_drive": "OneDrive",
        "syncthing": "Syncthing"
      },
      "TeamState": {
        "cant_come": "Ne peut pas venir",
        "here": "Sur place",
        "no_answer": "Appelé, pas de réponse",
        "not_called": "Pas encore appelé",
        "on_the_way": "En route",
        "safe": "En sécurité"
      },
      "TextSize": {
        "100": "Normale",
        "125": "Grande (125 %)",
        "150": "Plus grande (150 %)",
        "200": "Très grande (200 %)"
      }
    },
    "duration": {
      "day": [
        "jour",
        "jours"
      ],
      "hour": [
        "heure",
        "heures"
      ],
      "minute": [
        "minute",
        "minutes"
      ],
      "none": "moins d’une minute",
      "singular": [
        0,
        1
      ]
    },
    "emergency_in_country": {
      "fr": {
        "medical": "SAMU (urgences médicales)"
      }
    },
    "first_of_month": "1er",
    "markers": {
      "count": "COMBIEN DE CLIENTS",
      "other": "À COMPLÉTER",
      "what": "CE QUI EST EN PANNE",
      "when": "QUAND",
      "workaround": "CE QUE LES CLIENTS PEUVENT FAIRE"
    },
    "months": [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre"
    ],
    "weekdays": [
      "lundi",
      "mardi",
      "mercredi",
      "jeudi",
      "vendredi",
      "samedi",
      "dimanche"
    ]
  },
} satisfies Record<Language, Vocabulary>;
