//! A desk's alerts for one watcher: the next instants of every open incident
//! without a first response, kept in order, so that a tick looks only at the
//! front; re-planned when the store's generation changes (a change here or
//! in another process, a severity change (R7), a first response).

use crate::domain::alerts::{AlertPoint, AlertPoints, PlannedPoint, plan};
use crate::domain::{Customer, CustomerId, Desk, Incident, IncidentId, Instant, Severity, sla};
use chrono::TimeDelta;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// One alert: an incident's point that passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub incident: IncidentId,
    pub severity: Severity,
    /// The customer's name (its id if the desk names none).
    pub customer: String,
    pub title: String,
    pub point: AlertPoint,
    /// When the point passed.
    pub at: Instant,
    pub due: Instant,
    /// Clock time left to due when the alert was made (negative past due).
    pub left: TimeDelta,
    /// False for a point that passed while no one was watching, longer ago
    /// than the ring age: it is listed, not rung.
    pub rung: bool,
}

/// What a plan was made from, so that an incident whose plan could not have
/// changed is not planned again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlanKey {
    severity: Severity,
    submitted: Instant,
    coverage: crate::domain::Coverage,
    customer: CustomerId,
}

impl PlanKey {
    fn of(incident: &Incident) -> Self {
        PlanKey {
            severity: incident.severity,
            submitted: incident.submitted,
            coverage: incident.coverage,
            customer: incident.customer,
        }
    }
}

type Entry = Reverse<(Instant, IncidentId, AlertPoint)>;

/// The alerts of one watcher.
pub struct Planner {
    points: AlertPoints,
    ring_within: TimeDelta,
    generation: Option<u64>,
    /// Points not yet fired, earliest first.
    queue: BinaryHeap<Entry>,
    fired: HashSet<(IncidentId, AlertPoint)>,
    plans: HashMap<IncidentId, (PlanKey, Vec<PlannedPoint>)>,
    calendars: HashMap<CustomerId, Customer>,
    /// The instant of the last tick (`None`: not watching yet).
    last_tick: Option<Instant>,
}

impl Planner {
    pub fn new(points: AlertPoints, ring_within: TimeDelta) -> Self {
        Planner {
            points,
            ring_within,
            generation: None,
            queue: BinaryHeap::new(),
            fired: HashSet::new(),
            plans: HashMap::new(),
            calendars: HashMap::new(),
            last_tick: None,
        }
    }

    /// The alerts that came by `now`, in the order their points passed.
    /// Re-plans first if the desk's `generation` changed. A point that passed
    /// while no one was watching (before the first tick, or across a gap
    /// between ticks longer than the ring age, as when a laptop slept) and
    /// longer ago than the ring age is listed, not rung; of those, only each
    /// incident's latest point is listed, and none of an incident that rings.
    pub fn tick(&mut self, desk: &Desk, generation: u64, now: Instant) -> Vec<Alert> {
        if self.generation != Some(generation) {
            self.replan(desk);
            self.generation = Some(generation);
        }
        let away = self.last_tick.is_none_or(|t| now - t > self.ring_within);
        self.last_tick = Some(now);
        let mut out: Vec<Alert> = Vec::new();
        while let Some(Reverse((at, id, point))) = self.queue.peek().copied() {
            if at > now {
                break;
            }
            self.queue.pop();
            if !self.fired.insert((id, point)) {
                continue;
            }
            let rung = !away || now - at <= self.ring_within;
            if let Some(alert) = make_alert(desk, id, point, at, now, rung) {
                out.push(alert);
            }
        }
        // Of the points only listed, each incident's latest says where it
        // stands, unless a point of it rings.
        let rings: HashSet<IncidentId> = out.iter().filter(|a| a.rung).map(|a| a.incident).collect();
        let latest: HashMap<IncidentId, Instant> =
            out.iter().filter(|a| !a.rung).map(|a| (a.incident, a.at)).collect();
        out.retain(|a| a.rung || (!rings.contains(&a.incident) && latest.get(&a.incident) == Some(&a.at)));
        out
    }

    /// The next instant a point passes, if any (for waking up then).
    pub fn next_at(&self) -> Option<Instant> {
        self.queue.peek().map(|Reverse((at, _, _))| *at)
    }

    /// Plans every open incident without a first response again, reusing
    /// the plan of each whose severity, submission, coverage and calendar
    /// did not change.
    fn replan(&mut self, desk: &Desk) {
        let changed: HashSet<CustomerId> = desk
            .customers
            .iter()
            .filter(|c| {
                self.calendars
                    .get(&c.id)
                    .is_none_or(|k| k.calendar != c.calendar || k.calendar_changes != c.calendar_changes)
            })
            .map(|c| c.id)
            .collect();
        for c in desk.customers.iter().filter(|c| changed.contains(&c.id)) {
            self.calendars.insert(c.id, c.clone());
        }
        let mut plans = HashMap::with_capacity(self.plans.len());
        let mut entries = Vec::with_capacity(self.queue.len());
        for inc in desk.incidents.iter().filter(|i| i.is_open() && i.first_response.is_none()) {
            let Some(cal) = self.calendars.get(&inc.customer).map(|c| c.calendar_of(inc)) else { continue };
            let key = PlanKey::of(inc);
            let planned = match self.plans.remove(&inc.id) {
                Some((k, p)) if k == key && !changed.contains(&inc.customer) => p,
                _ => plan(inc, cal, self.points.for_severity(inc.severity)),
            };
            entries.extend(
                planned
                    .iter()
                    .filter(|p| !self.fired.contains(&(inc.id, p.point)))
                    .map(|p| Reverse((p.at, inc.id, p.point))),
            );
            plans.insert(inc.id, (key, planned));
        }
        self.plans = plans;
        self.queue = BinaryHeap::from(entries);
    }
}

fn make_alert(
    desk: &Desk,
    id: IncidentId,
    point: AlertPoint,
    at: Instant,
    now: Instant,
    rung: bool,
) -> Option<Alert> {
    let inc = desk.incident(id)?;
    let customer = desk.customer(inc.customer)?;
    let countdown = sla::countdown(inc, customer.calendar_of(inc), now);
    Some(Alert {
        incident: id,
        severity: inc.severity,
        customer: customer.name.clone(),
        title: inc.title.clone(),
        point,
        at,
        due: countdown.due?,
        left: countdown.remaining,
        rung,
    })
}
