-- What an outage costs and what the owner can claim. Money is whole minor units (cents) of
-- the business's currency, never a float; amounts above 10 million (1e9 minor units) are
-- refused before they get here. Drills have none of this: it is about real outages only.

-- One row: what applies to the whole business. Every figure is optional; Steady says what
-- it cannot count without it.
CREATE TABLE cost_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    -- ISO 4217 code (EUR, USD, ...): the country's unless the owner chose another.
    currency       TEXT NOT NULL,
    -- Staff paid to wait, per hour, for the whole business.
    staff_per_hour INTEGER CHECK (staff_per_hour BETWEEN 0 AND 1000000000),
    -- Subscribed power in kVA (some utilities' compensation depends on it) and the utility.
    subscribed_kva INTEGER CHECK (subscribed_kva BETWEEN 1 AND 100000),
    utility        TEXT NOT NULL DEFAULT '',
    insurer        TEXT NOT NULL DEFAULT '',
    policy_number  TEXT NOT NULL DEFAULT '',
    -- The business-interruption cover's waiting period, in hours.
    waiting_hours  INTEGER CHECK (waiting_hours BETWEEN 0 AND 8760),
    updated_at     TEXT NOT NULL
) STRICT;

-- When the business is open and what it typically takes per hour then, by ISO weekday
-- (1 = Monday). No row: closed that day (nothing is lost while closed). Times are the shop's
-- local `HH:MM`; `closes` may be `24:00`.
CREATE TABLE opening_days (
    weekday          INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
    opens            TEXT NOT NULL,
    closes           TEXT NOT NULL,
    takings_per_hour INTEGER CHECK (takings_per_hour BETWEEN 0 AND 1000000000)
) STRICT;

-- A service's own takings per hour by weekday (the card payments the terminal carries), when
-- not the whole business's. Without a row, the business's takings of that day apply.
CREATE TABLE service_takings (
    service_id       INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    weekday          INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    takings_per_hour INTEGER NOT NULL CHECK (takings_per_hour BETWEEN 0 AND 1000000000),
    PRIMARY KEY (service_id, weekday)
) STRICT;

-- What can still be sold while a workaround runs, in percent of its service's takings
-- ("cash only": 60).
CREATE TABLE workaround_sales (
    workaround_id INTEGER PRIMARY KEY REFERENCES workarounds (id) ON DELETE CASCADE,
    kept_percent  INTEGER NOT NULL CHECK (kept_percent BETWEEN 0 AND 100)
) STRICT;

-- The fridges and freezers the plan lists: how long each keeps food safe without power.
-- `safe_minutes` starts from the food-safety guidance for its kind (`costs/cold_chain.json`)
-- and the owner may change it. `service_id` is the service whose loss stops it (the power);
-- without one, any outage whose cause is power does.
CREATE TABLE cold_stores (
    id           INTEGER PRIMARY KEY,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('fridge', 'freezer_full', 'freezer_half')),
    safe_minutes INTEGER NOT NULL CHECK (safe_minutes BETWEEN 1 AND 20160),
    service_id   INTEGER REFERENCES services (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- Temperatures the owner read during an outage (tenths of a degree Celsius); the store's
-- name is copied so the record stays readable if the plan changes.
CREATE TABLE cold_readings (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    cold_store_id INTEGER REFERENCES cold_stores (id) ON DELETE SET NULL,
    store_name    TEXT NOT NULL,
    at            TEXT NOT NULL,
    tenths        INTEGER NOT NULL CHECK (tenths BETWEEN -600 AND 600)
) STRICT;

-- What the outage made the owner spend (a generator, a taxi for the card terminal, overtime).
CREATE TABLE incident_expenses (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 1000000000),
    spent_on    TEXT,
    created_at  TEXT NOT NULL
) STRICT;

-- Stock thrown away: quantity in thousandths (2.5 kg is 2500), unit cost in minor units.
CREATE TABLE spoiled_stock (
    id             INTEGER PRIMARY KEY,
    incident_id    INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    cold_store_id  INTEGER REFERENCES cold_stores (id) ON DELETE SET NULL,
    item           TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli BETWEEN 1 AND 1000000000),
    unit           TEXT NOT NULL DEFAULT '',
    unit_cost      INTEGER NOT NULL CHECK (unit_cost BETWEEN 0 AND 1000000000),
    thrown_at      TEXT NOT NULL,
    why            TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;

-- A claim the owner sent for an outage, by the rule's key in `costs/claims.json` (or
-- `insurance`): its deadline reminder stops then.
CREATE TABLE claims_sent (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    rule        TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    PRIMARY KEY (incident_id, rule)
) STRICT;

CREATE INDEX cold_readings_by_incident ON cold_readings (incident_id, at);
CREATE INDEX incident_expenses_by_incident ON incident_expenses (incident_id);
CREATE INDEX spoiled_stock_by_incident ON spoiled_stock (incident_id);
