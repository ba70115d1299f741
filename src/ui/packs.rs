//! The pack balance screen: customers on the left; on the right the chosen
//! customer's tax exemption (R20), contacts (R6) and packs — credits left of
//! five as a gauge, expiry (R17), owner and transfers (R18), ledger (R14).

use super::layout::Areas;
use super::pane::PaneView;
use super::scrolled;
use super::view_state::Focus;
use crate::domain::{Customer, CustomerId, LedgerKind, PACK_CREDITS, Pack, PackId, TaxStatus};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, List, ListItem, Paragraph, Wrap};

/// The customers list in `left`, the chosen customer's packs in `right`
/// (see [`super::layout::layout`]).
pub fn draw(frame: &mut Frame, left: Rect, right: Rect, p: &PaneView) {
    draw_customers(frame, left, p);
    draw_packs(frame, right, p);
}

fn block<'a>(p: &PaneView, title: String, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { p.theme.focused_border() } else { p.theme.border() })
        .title(Line::from(title).style(p.theme.title()))
}

/// The first customer on screen in the customers list `area`.
fn customers_offset(p: &PaneView, area: Rect) -> usize {
    let desk = p.desk;
    let selected = p.view.customer.and_then(|id| desk.customers.iter().position(|c| c.id == id)).unwrap_or(0);
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    selected.saturating_sub(height.saturating_sub(1))
}

/// The customer drawn at screen position (`x`, `y`), if the customers list is there.
pub fn customer_at(p: &PaneView, areas: &Areas, x: u16, y: u16) -> Option<CustomerId> {
    let area = areas.customers?;
    let inner = Block::bordered().inner(area);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let i = customers_offset(p, area) + usize::from(y - inner.y);
    p.desk.customers.get(i).map(|c| c.id)
}

/// The pack whose header line is drawn at screen position (`x`, `y`).
pub fn pack_at(p: &PaneView, areas: &Areas, x: u16, y: u16) -> Option<PackId> {
    let area = areas.packs?;
    let inner = Block::bordered().inner(area);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let customer = p.view.customer.and_then(|c| p.desk.customer(c))?;
    let lines = lines(p, customer);
    // The screen row asked, counted in the wrapped text from its first row.
    let mut row = usize::from(scroll_of(p, &lines, area)) + usize::from(y - inner.y);
    for (line, pack) in lines {
        let rows = rows_of(&line, inner.width);
        if row < rows {
            return pack;
        }
        row -= rows;
    }
    None
}

/// How far the pack pane is scrolled, in screen rows of the wrapped text:
/// none while the selected pack's header is on the first page, else the
/// header a third of the way down, so that it and its lines are in view.
fn scroll_of(p: &PaneView, lines: &[(Line, Option<PackId>)], area: Rect) -> u16 {
    let inner = Block::bordered().inner(area);
    let selected_line =
        lines.iter().position(|(_, pack)| pack.is_some() && *pack == p.view.pack).unwrap_or(0);
    let header_row: usize = lines[..selected_line].iter().map(|(l, _)| rows_of(l, inner.width)).sum();
    let height = usize::from(inner.height);
    if header_row + 3 < height {
        return 0;
    }
    header_row.saturating_sub(height / 3).min(usize::from(u16::MAX)) as u16
}

/// Screen rows a line takes, wrapped at `width`.
fn rows_of(line: &Line, width: u16) -> usize {
    Paragraph::new(line.clone()).wrap(Wrap { trim: false }).line_count(width)
}

fn draw_customers(frame: &mut Frame, area: Rect, p: &PaneView) {
    let desk = p.desk;
    let items: Vec<ListItem> = desk
        .customers
        .iter()
        .map(|c| {
            let style = if Some(c.id) == p.view.customer { p.theme.selected() } else { Style::new() };
            ListItem::new(format!("{:<5} {}", c.id.to_string(), c.name)).style(style)
        })
        .collect();
    let offset = customers_offset(p, area);
    let items: Vec<ListItem> = items.into_iter().skip(offset).collect();
    let selected = p.view.customer.and_then(|id| desk.customers.iter().position(|c| c.id == id));
    let list = List::new(items).block(block(
        p,
        format!(" Customers · {} ", scrolled::position(selected, desk.customers.len())),
        p.view.focus == Focus::Customers,
    ));
    frame.render_widget(list, area);
    let height = usize::from(area.height.saturating_sub(2));
    scrolled::scrollbar(frame, area, offset, desk.customers.len(), height, p.theme.border());
}

/// `■■■□□ 3/5`
pub fn gauge(remaining: u32) -> String {
    let used = PACK_CREDITS.saturating_sub(remaining.min(PACK_CREDITS));
    format!(
        "{}{} {remaining}/{PACK_CREDITS}",
        "■".repeat((PACK_CREDITS - used) as usize),
        "□".repeat(used as usize)
    )
}

fn draw_packs(frame: &mut Frame, area: Rect, p: &PaneView) {
    let desk = p.desk;
    let Some(customer) = p.view.customer.and_then(|c| desk.customer(c)) else {
        let b = block(p, " Packs ".into(), false);
        frame.render_widget(Paragraph::new("No customer yet: press N to add one.").block(b), area);
        return;
    };
    let packs: Vec<PackId> = desk.packs_of(customer.id).map(|pk| pk.id).collect();
    let selected = p.view.pack.and_then(|id| packs.iter().position(|x| *x == id));
    let title = format!(" Packs · {} · {} ", customer.name, scrolled::position(selected, packs.len()));
    let b = block(p, title, p.view.focus == Focus::Packs);
    let lines = lines(p, customer);
    let scroll = scroll_of(p, &lines, area);
    let width = b.inner(area).width;
    let total: usize = lines.iter().map(|(l, _)| rows_of(l, width)).sum();
    let text: Vec<Line> = lines.into_iter().map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(text).block(b).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
    let height = usize::from(area.height.saturating_sub(2));
    scrolled::scrollbar(frame, area, usize::from(scroll), total, height, p.theme.border());
}

/// The lines of the pack pane, each pack's header marked with its id.
pub fn lines<'a>(pane: &PaneView, customer: &Customer) -> Vec<(Line<'a>, Option<PackId>)> {
    let (theme, selected_pack) = (pane.theme, pane.view.pack);
    let desk = pane.desk;
    let today = desk.local_date(customer.id, pane.now);
    let mut out: Vec<(Line, Option<PackId>)> = Vec::new();
    let tax = match (&customer.tax_exemption, customer.tax_status_on(today)) {
        (Some(t), TaxStatus::Valid) => Span::styled(
            format!(
                "✔ tax exemption on file and valid: {} received {}{}",
                t.reference,
                t.received,
                t.expires.map(|e| format!(", expires {e}")).unwrap_or_default()
            ),
            theme.ok(),
        ),
        (Some(t), TaxStatus::Expired) => Span::styled(
            format!(
                "✖ tax exemption {} EXPIRED on {}",
                t.reference,
                t.expires.map(|e| e.to_string()).unwrap_or_default()
            ),
            theme.error(),
        ),
        _ => Span::styled("no tax exemption on file", theme.dim()),
    };
    out.push((Line::from(vec![Span::styled("R20  ", theme.label()), tax]), None));
    let duty = customer
        .on_duty_contact()
        .map_or("no contact on duty 24x7: 24x7 coverage refused (R6)".to_string(), |c| {
            format!("on duty 24x7: {} {}", c.name, c.reach)
        });
    out.push((Line::from(vec![Span::styled("R6   ", theme.label()), Span::raw(duty)]), None));
    let outlook = customer.outlook(pane.now, 3);
    let calendar = format!("calendar {} ({})", outlook.in_force.hours, outlook.in_force.time_zone);
    out.push((Line::from(vec![Span::styled("R5   ", theme.label()), Span::raw(calendar)]), None));
    let ahead = crate::present::outlook_line(&outlook, pane.now);
    out.push((Line::styled(format!("     {ahead}"), theme.dim()), None));
    let contacts: Vec<&str> = customer.contacts.iter().map(|c| c.name.as_str()).collect();
    out.push((
        Line::styled(
            format!(
                "     contacts: {}",
                if contacts.is_empty() { "none".into() } else { contacts.join(", ") }
            ),
            theme.dim(),
        ),
        None,
    ));
    let packs: Vec<&Pack> = desk.packs_of(customer.id).collect();
    if packs.is_empty() {
        out.push((Line::default(), None));
        out.push((Line::styled("No packs: press B to buy one.", theme.dim()), None));
    }
    for p in packs {
        let selected = Some(p.id) == selected_pack;
        out.push((Line::default(), None));
        let expired = p.is_expired_on(today);
        let days = (p.expires() - today).num_days();
        let (state, style) = if expired {
            (format!("EXPIRED {} · {} unused credit(s) expired", p.expires(), p.remaining()), theme.error())
        } else if days <= 30 {
            (format!("expires {} · in {days} days", p.expires()), theme.warn())
        } else {
            (format!("expires {} · in {days} days", p.expires()), theme.ok())
        };
        let marker = if selected { "▶ " } else { "  " };
        let gauge = if expired { format!("{} expired", "░".repeat(5)) } else { gauge(p.remaining()) };
        let head = Line::from(vec![
            Span::styled(
                format!("{marker}{:<5}", p.id.to_string()),
                if selected { theme.selected() } else { theme.title() },
            ),
            Span::styled(format!(" {gauge}  "), style),
            Span::styled(state, style),
        ]);
        out.push((head, Some(p.id)));
        out.push((
            Line::raw(format!(
                "    owner {} · order {} · bought {} by {}",
                p.owner, p.order_number, p.purchased, p.purchaser
            )),
            None,
        ));
        for t in &p.transfers {
            out.push((
                Line::styled(
                    format!(
                        "    transferred {} from {} to {} by {} (R18)",
                        // In the customer's zone, as the ledger and history are.
                        t.at.with_timezone(&customer.calendar_at(t.at).time_zone).format("%Y-%m-%d"),
                        t.from,
                        t.to,
                        t.by
                    ),
                    theme.dim(),
                ),
                None,
            ));
        }
        if selected {
            for l in &p.ledger {
                let (sign, st) = match l.kind {
                    LedgerKind::Debit => ("-1 debit ", Style::new()),
                    LedgerKind::Refund => ("+1 refund", theme.ok()),
                };
                let reason = if l.reason.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", l.reason.replace('\n', " "))
                };
                out.push((
                    Line::from(vec![
                        Span::raw(format!(
                            "    {} ",
                            l.at.with_timezone(&customer.calendar_at(l.at).time_zone)
                                .format("%Y-%m-%d %H:%M %Z")
                        )),
                        Span::styled(sign, st),
                        Span::raw(format!(" {}{reason}", l.incident)),
                    ]),
                    None,
                ));
            }
        }
    }
    out
}
