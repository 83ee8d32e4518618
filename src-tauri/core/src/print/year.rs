//! "The year in outages" on paper: the bar chart of hours down by month, stacked by service,
//! drawn here as inline SVG (the window draws the same from the same figures), the tables by
//! service and by provider, the totals, and what a backup would have saved.

use super::html::{markup, p, Doc, Html};
use super::{Context, Printout};
use crate::costs::year::{words, Words, YearInOutages, YearRow};
use crate::error::CoreResult;
use crate::store::Store;

/// The fills of the stacks, one per service in the legend's order, then again: dark to light
/// and apart in hue, so they read apart on a black-and-white printer too.
pub(crate) const FILLS: [&str; 8] = [
    "#1f4e79", "#d98c1a", "#6a9f3a", "#8e3b8e", "#2aa3b8", "#b23a3a", "#7d7d7d", "#c9b24a",
];

pub(super) fn render(store: &Store, cx: &Context<'_>) -> CoreResult<Printout> {
    let year = store.year_in_outages(cx.now, cx.local)?;
    let w = words(cx.language());
    let mut doc = Doc::default();
    let (first, last) = (
        year.months.first().map(|m| m.first_day),
        Some(cx.local_date(cx.now)),
    );
    let period = match (first, last) {
        (Some(from), Some(to)) => w
            .period
            .replace("{from}", &cx.words.date(from))
            .replace("{to}", &cx.words.date(to)),
        _ => String::new(),
    };
    doc.block(markup!(
        "<h1>{}</h1><p>{}</p>",
        Html::text(w.title),
        Html::text(&period)
    ));
    if year.totals.outages == 0 {
        doc.block(p(w.no_outages));
        return Ok(cx.finish(doc, w.title));
    }
    doc.block(markup!(
        "<figure class=\"year-chart\">{}</figure>",
        chart(&year, w)
    ));
    doc.block(totals(&year, w));
    if !year.missing.is_empty() {
        doc.block(p(w.missing));
    }

    doc.heading(2, w.by_service, false);
    doc.block(table(w.service, &year.by_service, w));
    doc.block(p(w.service_rule));
    doc.heading(2, w.by_provider, false);
    if year.by_provider.is_empty() {
        doc.block(p(w.no_providers));
    } else {
        doc.block(table(w.provider, &year.by_provider, w));
    }
    doc.block(p(w.provider_rule));

    if !year.backups.is_empty() {
        doc.heading(2, w.backups, false);
        for backup in &year.backups {
            doc.block(p(&backup.sentence));
        }
        doc.block(markup!(
            "<p class=\"hint\">{}</p>",
            Html::text(&w.backup_note())
        ));
    }
    Ok(cx.finish(doc, w.title))
}

/// Hours down by month, stacked by service, with its axis, its months and its legend; the
/// title and description say the year's figures for a screen reader.
pub(crate) fn chart(year: &YearInOutages, w: &Words) -> Html {
    const WIDTH: u32 = 640;
    const LEFT: u32 = 48;
    const TOP: u32 = 12;
    const PLOT_H: u32 = 180;
    const BAR_GAP: u32 = 8;
    let slot = (WIDTH - LEFT - 8) / 12;
    let max_minutes = year
        .months
        .iter()
        .map(|m| m.minutes.iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    let step = axis_step(max_minutes);
    let top_minutes = step * 4;
    let y = |minutes: u32| -> u32 {
        TOP + PLOT_H
            - (u64::from(minutes) * u64::from(PLOT_H) / u64::from(top_minutes.max(1))) as u32
    };
    let mut svg = Html::default();
    // The axis: four steps of whole hours, lines across.
    for n in 0..=4 {
        let minutes = step * n;
        let at = num(y(minutes));
        svg.push(markup!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
            num(LEFT),
            num(WIDTH - 8),
            at.clone(),
            at.clone(),
            num(LEFT - 4),
            num(y(minutes) + 3),
            Html::text(&(minutes / 60).to_string())
        ));
    }
    for (i, month) in year.months.iter().enumerate() {
        let x = LEFT + slot * i as u32 + BAR_GAP / 2;
        let mut below = 0;
        for (s, minutes) in month.minutes.iter().enumerate() {
            if *minutes == 0 {
                continue;
            }
            let (from, to) = (y(below), y(below + minutes));
            below += minutes;
            svg.push(markup!(
                "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">\
                 <title>{}</title></rect>",
                num(x),
                num(to),
                num(slot - BAR_GAP),
                num(from.saturating_sub(to).max(1)),
                Html::text(FILLS[s % FILLS.len()]),
                Html::text(&format!(
                    "{} · {}: {}",
                    month.label,
                    year.services.get(s).map_or("", String::as_str),
                    w.hours(*minutes)
                ))
            ));
        }
        svg.push(markup!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
            num(x + (slot - BAR_GAP) / 2),
            num(TOP + PLOT_H + 14),
            Html::text(&month.label)
        ));
    }
    svg.push(markup!(
        "<text x=\"10\" y=\"{}\" font-size=\"10\" transform=\"rotate(-90 10 {})\" \
         text-anchor=\"middle\">{}</text>",
        num(TOP + PLOT_H / 2),
        num(TOP + PLOT_H / 2),
        Html::text(w.axis_hours)
    ));
    // The legend, a row of swatches under the months, wrapping every four services.
    let legend_top = TOP + PLOT_H + 28;
    for (s, name) in year.services.iter().enumerate() {
        let (col, row) = (s as u32 % 4, s as u32 / 4);
        let (x, y) = (LEFT + col * 148, legend_top + row * 16);
        svg.push(markup!(
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>",
            num(x),
            num(y),
            Html::text(FILLS[s % FILLS.len()]),
            num(x + 14),
            num(y + 9),
            Html::text(&shorten(name, 24))
        ));
    }
    let rows = (year.services.len() as u32).div_ceil(4).max(1);
    let height = legend_top + rows * 16 + 4;
    let desc = w
        .chart_desc
        .replace("{hours}", &year.totals.hours)
        .replace("{outages}", &year.totals.outages.to_string())
        .replace("{money}", &year.totals.total.text);
    markup!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"year-chart-title year-chart-desc\" font-family=\"sans-serif\">\
         <title id=\"year-chart-title\">{}</title><desc id=\"year-chart-desc\">{}</desc>{}</svg>",
        num(WIDTH),
        num(height),
        Html::text(w.chart_title),
        Html::text(&desc),
        svg
    )
}

/// Minutes per step of the axis: whole hours, so that four steps reach past `max`.
pub(crate) fn axis_step(max: u32) -> u32 {
    let hours = max.div_ceil(60).max(1);
    let step = hours.div_ceil(4);
    let nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|n| *n >= step)
        .unwrap_or(step);
    nice * 60
}

fn num(n: u32) -> Html {
    Html::text(&n.to_string())
}

/// `name` in at most `max` characters, "…" marking a cut.
fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let kept: String = name.chars().take(max - 1).collect();
        format!("{kept}…")
    }
}

fn table(first: &str, rows: &[YearRow], w: &Words) -> Html {
    let body: Html = rows
        .iter()
        .map(|r| {
            markup!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td></tr>",
                Html::text(&r.name),
                Html::text(&r.outages.to_string()),
                Html::text(&r.hours),
                Html::text(&r.lost.text)
            )
        })
        .collect();
    markup!(
        "<table class=\"year-table\"><thead><tr><th>{}</th><th class=\"n\">{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>{}</tbody></table>",
        Html::text(first),
        Html::text(w.outages),
        Html::text(w.hours_down),
        Html::text(w.money_lost),
        body
    )
}

fn totals(year: &YearInOutages, w: &Words) -> Html {
    let t = &year.totals;
    let line = |label: &str, value: &str| {
        markup!(
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            Html::text(label),
            Html::text(value)
        )
    };
    let mut rows = line(w.outages, &t.outages.to_string());
    rows.push(line(w.hours_down, &t.hours));
    rows.push(line(w.lost_takings, &t.lost_takings.text));
    rows.push(line(w.staff, &t.staff_cost.text));
    rows.push(line(w.expenses, &t.expenses.text));
    rows.push(line(w.spoiled, &t.spoiled.text));
    rows.push(markup!(
        "<tr class=\"total\"><th>{}</th><th class=\"n\">{}</th></tr>",
        Html::text(w.total),
        Html::text(&t.total.text)
    ));
    markup!(
        "<table class=\"year-table year-totals\"><tbody>{}</tbody></table>",
        rows
    )
}

#[cfg(test)]
mod tests;
