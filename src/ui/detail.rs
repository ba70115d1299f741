//! The incident detail pane: the agreed problem, product and phase, customer
//! and coverage, the due time in the customer's zone and the viewer's, the
//! contacts log, proposals, splits, closing, billing and history.

use super::theme::Theme;
use super::view_state::{Focus, ViewState};
use crate::domain::{Desk, HistoryEntry, Incident, Instant, sla};
use crate::present::{duration_hms, local};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

/// What the detail pane draws: the selected incident on the desk as shown,
/// its history (R21) if it has been read, now, the viewer's state, styles.
pub struct DetailView<'a> {
    pub desk: &'a Desk,
    pub now: Instant,
    pub view: &'a ViewState,
    pub theme: &'a Theme,
    /// The selected incident's history, oldest first (what has been read).
    pub history: Vec<&'a HistoryEntry>,
    /// The desk's history is still being read.
    pub history_pending: bool,
}

pub fn draw(frame: &mut Frame, area: Rect, d: &DetailView) {
    let theme = d.theme;
    let focused = d.view.focus == Focus::Detail;
    let incident = d.view.selected.and_then(|id| d.desk.incident(id));
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
    let lines = lines(d, inc);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((d.view.detail_scroll, 0)),
        inner,
    );
}

fn section<'a>(d: &DetailView, title: &str) -> Line<'a> {
    Line::from(Span::styled(title.to_string(), d.theme.header()))
}

fn field<'a>(d: &DetailView, label: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{label:<12}"), d.theme.label()), Span::raw(value.into())])
}

pub fn lines<'a>(d: &DetailView, inc: &Incident) -> Vec<Line<'a>> {
    let theme = d.theme;
    let (desk, now) = (d.desk, d.now);
    let mut out = vec![Line::from(Span::styled(inc.title.clone(), theme.title()))];
    let Some(customer) = desk.customer(inc.customer) else {
        out.push(Line::styled("the incident's customer is missing from the desk", theme.error()));
        return out;
    };
    let zone = &customer.calendar_of(inc).time_zone;
    let cd = sla::countdown(inc, customer.calendar_of(inc), now);
    let shown = super::countdown::shown(inc, &cd, theme);
    let state_style = shown.style;
    let mut countdown = format!("{} {}", shown.symbol, shown.word);
    if shown.left.is_some() {
        if cd.remaining < chrono::TimeDelta::zero() {
            countdown.push_str(&format!("  {} overdue", duration_hms(-cd.remaining)));
        } else {
            countdown.push_str(&format!("  {} left", duration_hms(cd.remaining)));
        }
    } else if shown.symbol == super::countdown::CLOSED_SYMBOL {
        countdown.push_str(" before a first response: no clock runs");
    }
    if shown.paused {
        countdown.push_str("  ‖ paused: the customer is closed now");
    }
    out.push(Line::from(vec![
        Span::styled(format!("{:<12}", "countdown"), theme.label()),
        Span::styled(countdown, state_style),
    ]));
    match cd.due {
        Some(due) => {
            out.push(field(d, "due", local(due, zone)));
            out.push(field(d, "  your time", local(due, &d.view.viewer_zone)));
        }
        None => out.push(field(d, "due", crate::domain::wording::no_due_time())),
    }
    for b in &inc.breaches {
        out.push(Line::styled(
            format!("breach kept (R7): severity {} was due {}", b.severity, local(b.due, zone)),
            theme.state(crate::domain::SlaState::Breached),
        ));
    }
    out.push(field(
        d,
        "severity",
        format!("{} ({}) · {} · {}", inc.severity, inc.severity.impact(), inc.coverage, inc.category),
    ));
    out.push(field(
        d,
        "status",
        format!("{} · engineer {} · {}", inc.status(), inc.engineer, inc.billing_state()),
    ));
    out.push(field(d, "customer", format!("{} ({}) · account {}", customer.name, customer.id, inc.account)));
    let duty =
        customer.on_duty_contact().map_or("no 24x7 contact".to_string(), |c| format!("24x7: {}", c.name));
    let calendar = customer.calendar_of(inc);
    out.push(field(d, "calendar", format!("{zone} · {} · {duty}", calendar.hours)));
    let ahead = crate::domain::effective::outlook(calendar, now, 3);
    out.push(field(d, "", crate::present::outlook_line(&ahead, now)));
    if let Some(p) = desk.product(inc.product) {
        let phase = p.phase_on(desk.local_date(inc.customer, now));
        out.push(field(d, "product", format!("{} · {phase} support (ends {})", p.name, p.extended_end)));
    }
    out.push(field(d, "submitted", format!("{} · pack {}", local(inc.submitted, zone), inc.pack)));
    if let Some(parent) = inc.split_from {
        out.push(field(d, "split from", parent.to_string()));
    }
    if !inc.split_into.is_empty() {
        let kids: Vec<String> = inc.split_into.iter().map(ToString::to_string).collect();
        out.push(field(d, "split into", kids.join(", ")));
    }

    out.push(Line::default());
    out.push(section(d, "Agreed problem"));
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
        out.push(section(d, "First response"));
        out.extend(with_block(vec![Span::raw(format!("{} by {} ", local(r.at, zone), r.by))], &r.note));
    }
    if !inc.contacts.is_empty() {
        out.push(Line::default());
        out.push(section(d, "Contacts (R2, time informative only)"));
        for c in &inc.contacts {
            let head =
                format!("{} {:<8} {:>4}m {}: ", local(c.at, zone), c.kind.to_string(), c.minutes, c.engineer);
            out.extend(with_block(vec![Span::raw(head)], &c.note));
        }
    }
    if !inc.proposals.is_empty() {
        out.push(Line::default());
        out.push(section(d, "Proposed solutions"));
        for (i, p) in inc.proposals.iter().enumerate() {
            let head = format!("#{} {} {}: ", i + 1, local(p.at, zone), p.by);
            out.extend(with_block(vec![Span::raw(head)], &p.text));
        }
    }
    if let Some(c) = &inc.closed {
        out.push(Line::default());
        out.push(section(d, "Closed"));
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
    out.push(section(d, "History (R21)"));
    if d.history_pending {
        out.push(Line::styled("reading the history…", theme.dim()));
    }
    for h in &d.history {
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
