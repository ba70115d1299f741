//! The incident detail pane: the agreed problem, product and phase, customer
//! and coverage, the due time in the customer's zone and the viewer's, the
//! contacts log, proposals, splits, closing, billing and history.

use super::app::{App, Focus};
use super::theme::state_symbol;
use crate::domain::{Incident, sla};
use crate::present::{duration_hms, local, state_word};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.view.focus == Focus::Detail;
    let incident = app.view.selected.and_then(|id| app.desk().incident(id));
    let title = incident.map_or(" Detail ".to_string(), |i| format!(" {} ", i.id));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.focused_border() } else { theme.border() })
        .title(Line::from(title).style(theme.title()))
        .title_bottom(Line::from(if focused { " ↑↓ scroll · Esc back " } else { "" }).style(theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(inc) = incident else {
        frame.render_widget(Paragraph::new("Select an incident in the queue.").style(theme.dim()), inner);
        return;
    };
    let lines = lines(app, inc);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((app.view.detail_scroll, 0)),
        inner,
    );
}

fn section<'a>(app: &App, title: &str) -> Line<'a> {
    Line::from(Span::styled(title.to_string(), app.theme.header()))
}

fn field<'a>(app: &App, label: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{label:<12}"), app.theme.label()), Span::raw(value.into())])
}

pub fn lines<'a>(app: &App, inc: &Incident) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let desk = app.desk();
    let now = app.now();
    let mut out = vec![Line::from(Span::styled(inc.title.clone(), theme.title()))];
    let Some(customer) = desk.customer(inc.customer) else {
        out.push(Line::styled("the incident's customer is missing from the desk", theme.error()));
        return out;
    };
    let zone = customer.calendar.time_zone;
    let cd = sla::countdown(inc, &customer.calendar, now);
    let state_style = if cd.paused { theme.paused() } else { theme.state(cd.state) };
    let mut countdown = format!("{} {}", state_symbol(cd.state, cd.paused), state_word(cd.state));
    if inc.first_response.is_none() && inc.is_open() {
        if cd.remaining < chrono::TimeDelta::zero() {
            countdown.push_str(&format!("  {} overdue", duration_hms(-cd.remaining)));
        } else {
            countdown.push_str(&format!("  {} left", duration_hms(cd.remaining)));
        }
    }
    if cd.paused {
        countdown.push_str("  ‖ paused: the customer is closed now");
    }
    out.push(Line::from(vec![
        Span::styled(format!("{:<12}", "countdown"), theme.label()),
        Span::styled(countdown, state_style),
    ]));
    out.push(field(app, "due", local(cd.due, zone)));
    out.push(field(app, "  your time", local(cd.due, app.view.viewer_zone)));
    for b in &inc.breaches {
        out.push(Line::styled(
            format!("breach kept (R7): severity {} was due {}", b.severity, local(b.due, zone)),
            theme.state(crate::domain::SlaState::Breached),
        ));
    }
    out.push(field(
        app,
        "severity",
        format!("{} ({}) · {} · {}", inc.severity, inc.severity.impact(), inc.coverage, inc.category),
    ));
    out.push(field(
        app,
        "status",
        format!("{} · engineer {} · {}", inc.status(), inc.engineer, inc.billing_state()),
    ));
    out.push(field(
        app,
        "customer",
        format!("{} ({}) · account {}", customer.name, customer.id, inc.account),
    ));
    let duty =
        customer.on_duty_contact().map_or("no 24x7 contact".to_string(), |c| format!("24x7: {}", c.name));
    out.push(field(app, "calendar", format!("{zone} · {} · {duty}", customer.calendar.hours)));
    if let Some(p) = desk.product(inc.product) {
        let phase = p.phase_on(desk.local_date(inc.customer, now));
        out.push(field(app, "product", format!("{} · {phase} support (ends {})", p.name, p.extended_end)));
    }
    out.push(field(app, "submitted", format!("{} · pack {}", local(inc.submitted, zone), inc.pack)));
    if let Some(parent) = inc.split_from {
        out.push(field(app, "split from", parent.to_string()));
    }
    if !inc.split_into.is_empty() {
        let kids: Vec<String> = inc.split_into.iter().map(ToString::to_string).collect();
        out.push(field(app, "split into", kids.join(", ")));
    }

    out.push(Line::default());
    out.push(section(app, "Agreed problem"));
    out.push(Line::styled(
        format!(
            "with {} · by {} · {}",
            inc.problem.agreed_with,
            inc.problem.agreed_by,
            local(inc.problem.agreed_at, zone)
        ),
        theme.dim(),
    ));
    out.extend(inc.problem.text.lines().map(|l| Line::raw(l.to_string())));
    for a in &inc.problem.amendments {
        let head = format!("amended {} by {} — ", local(a.at, zone), a.by);
        out.extend(with_block(vec![Span::styled(head, theme.dim())], &a.reason));
        out.extend(a.text.lines().map(|l| Line::raw(l.to_string())));
    }
    if let Some(r) = &inc.first_response {
        out.push(Line::default());
        out.push(section(app, "First response"));
        out.extend(with_block(vec![Span::raw(format!("{} by {} ", local(r.at, zone), r.by))], &r.note));
    }
    if !inc.contacts.is_empty() {
        out.push(Line::default());
        out.push(section(app, "Contacts (R2, time informative only)"));
        for c in &inc.contacts {
            let head =
                format!("{} {:<8} {:>4}m {}: ", local(c.at, zone), c.kind.to_string(), c.minutes, c.engineer);
            out.extend(with_block(vec![Span::raw(head)], &c.note));
        }
    }
    if !inc.proposals.is_empty() {
        out.push(Line::default());
        out.push(section(app, "Proposed solutions"));
        for (i, p) in inc.proposals.iter().enumerate() {
            let head = format!("#{} {} {}: ", i + 1, local(p.at, zone), p.by);
            out.extend(with_block(vec![Span::raw(head)], &p.text));
        }
    }
    if let Some(c) = &inc.closed {
        out.push(Line::default());
        out.push(section(app, "Closed"));
        out.extend(with_block(
            vec![Span::raw(format!("{} {} by {} ", c.how, local(c.at, zone), c.by))],
            &c.note,
        ));
        let billing = match &inc.billing {
            Some(b) => format!(
                "{}{}: {} ({} by {})",
                b.decision,
                if b.product_defect { " (product defect)" } else { "" },
                b.reason.replace('\n', " "),
                local(b.at, zone),
                b.by
            ),
            None => inc.billing_state().to_string(),
        };
        out.push(Line::from(vec![
            Span::styled("billing    ", theme.label()),
            Span::styled(billing, if inc.billing.is_none() { theme.warn() } else { Style::new() }),
        ]));
    }
    out.push(Line::default());
    out.push(section(app, "History (R21)"));
    if app.history_pending() {
        out.push(Line::styled("reading the history…", theme.dim()));
    }
    for h in app.history_of(crate::domain::Subject::Incident(inc.id)) {
        let head = Span::styled(format!("{} {} ", local(h.at, zone), h.who), theme.dim());
        out.extend(with_block(vec![head], &h.what));
    }
    out
}

/// `head` then a text that may hold line breaks (notes, reasons): a `Line`
/// drops the breaks and would glue the lines together, so each gets its own,
/// indented under the head.
pub fn with_block<'a>(head: Vec<Span<'a>>, text: &str) -> Vec<Line<'a>> {
    let mut rest = text.split('\n');
    let mut first = head;
    first.push(Span::raw(rest.next().unwrap_or_default().to_string()));
    let mut out = vec![Line::from(first)];
    out.extend(rest.map(|l| Line::raw(format!("    {l}"))));
    out
}
