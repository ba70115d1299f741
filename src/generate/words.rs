//! What the engineers and customers write: titles, problem statements, notes,
//! proposals and reasons, drawn at random for the incidents. Names of
//! customers and products are with what they name.

pub(super) const ENGINEERS: [&str; 14] = [
    "Maja Eklund",
    "Tomás Rivera",
    "Aiko Sato",
    "Ben Okafor",
    "Priya Nair",
    "Lars Holm",
    "Chloé Martin",
    "Diego Alvarez",
    "Hannah Schmidt",
    "Kwame Mensah",
    "Mei Chen",
    "Olivia Brown",
    "Sven Berg",
    "Yusuf Demir",
];

pub(super) const SYMPTOMS: [&str; 16] = [
    "Mail stuck in the outbound queue",
    "Users can't sign in",
    "Replication stops at night",
    "Backups fail with a timeout",
    "Search returns no results",
    "Reports render blank pages",
    "Sync conflicts on shared folders",
    "Service crashes under load",
    "Certificate renewal fails",
    "Slow queries on the order table",
    "Calendar invites arrive twice",
    "Clients lose their connection",
    "Disk fills with log files",
    "Printing from the web client fails",
    "Password reset mails never arrive",
    "Index rebuild never finishes",
];

pub(super) const TRIGGERS: [&str; 8] = [
    "since the last cumulative update",
    "after the move to the new data centre",
    "since the certificate was renewed",
    "after adding a second node",
    "since Monday morning",
    "after the storage upgrade",
    "since the directory schema change",
    "after the time-zone change",
];

pub(super) const IMPACTS: [&str; 6] = [
    "about 40 users are affected",
    "the whole finance department is blocked",
    "one branch office is affected",
    "month-end closing is at risk",
    "a workaround exists but is slow",
    "customers notice delays",
];

pub(super) const SUB_PROBLEMS: [&str; 8] = [
    "Second site shows the same fault",
    "Alerting did not fire",
    "Failover node needs the same fix",
    "Archive mailbox also affected",
    "Mobile clients affected separately",
    "Old client version on kiosks",
    "Monitoring agent crashes too",
    "Reporting database lags behind",
];

pub(super) const NOTES: [&str; 14] = [
    "collected logs from both nodes",
    "walked the admin through the trace settings",
    "reproduced in the lab with the customer's config",
    "customer sent screenshots of the error",
    "checked the known-issues list, no match yet",
    "remote session: verified service accounts",
    "asked for the event log export",
    "customer confirmed the workaround holds",
    "escalated internally to the product group",
    "reviewed the network capture together",
    "agreed next steps and a call tomorrow",
    "waiting for the maintenance window",
    "customer applied the test build",
    "looked into the crash dump",
];

pub(super) const PROPOSALS: [&str; 10] = [
    "Apply the latest cumulative update and restart the transport service",
    "Raise the connection pool limit to 200 and recycle the app pool",
    "Re-issue the certificate with the full chain and rebind it",
    "Move the log folder to the data volume and enable circular logging",
    "Rebuild the search index after clearing the catalogue",
    "Disable the legacy protocol on the load balancer",
    "Add the missing index on orders(customer_id, created)",
    "Reset the replication partner and force a full sync",
    "Correct the time-zone setting on the second node",
    "Roll back the storage driver to the previous version",
];

pub(super) const RESPONSE_NOTES: [&str; 6] = [
    "",
    "called the customer, collecting logs",
    "first assessment done, looking into it",
    "acknowledged by e-mail",
    "remote session booked",
    "called back, problem reproduced",
];

pub(super) const SEVERITY_REASONS: [&str; 6] = [
    "production is now down",
    "the customer found a workaround",
    "more users are affected than first thought",
    "impact limited to a test system",
    "month-end deadline approaching",
    "only one user still affected",
];

pub(super) const AMEND_REASONS: [&str; 4] = [
    "the customer narrowed the problem down",
    "the first statement named the wrong server",
    "agreed a clearer scope with the customer",
    "the symptom turned out to be different",
];

pub(super) const CLOSE_NOTES: [&str; 5] =
    ["", "", "customer confirmed the fix", "no reply after three reminders", ""];

pub(super) const CHARGE_REASONS: [&str; 3] = [
    "work was done as agreed",
    "customer withdrew after the analysis",
    "configuration issue on the customer side",
];

pub(super) const REFUND_REASONS: [&str; 3] =
    ["goodwill, long-standing customer", "withdrawn before any work", "no solution could be offered"];

pub(super) const DEFECT_REASONS: [&str; 3] = [
    "known defect fixed in the next update",
    "defect confirmed by the product group",
    "regression in the last update",
];
