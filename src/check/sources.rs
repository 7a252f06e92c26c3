//! The sources' own disagreements: per happening and role, the distinct values
//! that cannot both hold, and the sources' weekday errors.
use super::*;

/// A disagreement among the sources of one event: the finding is on a claim
/// of `source`, its evidence the other source's claim.
#[derive(Debug, Clone)]
pub struct SourceDisagreement {
    pub event: usize,
    pub source: usize,
    pub finding: Finding,
}

/// Where the sources of each event disagree among themselves, and the sources'
/// own weekday errors.
///
/// Linear in the number of claims: the claims of a happening are grouped by
/// role (when, how long) and within a role by value; only distinct values
/// are compared, so twenty thousand copies of one value cost no more than one.
pub fn source_disagreements(corpus: &Corpus) -> Vec<SourceDisagreement> {
    let mut out = Vec::new();
    // The sources' own weekday errors.
    for (si, s) in corpus.sources.iter().enumerate() {
        let mut a = Analysis { reports: vec![ClaimReport::default(); s.ex.claims.len()], findings: Vec::new() };
        weekday_findings(&s.ex, corpus, &mut a);
        for f in a.findings {
            let claim = &s.ex.claims[f.claim];
            if s.lent_date && matches!(&claim.value, Value::Date(d) if d.relative) {
                continue;
            }
            out.push(SourceDisagreement { event: s.event, source: si, finding: f });
        }
    }
    /// One distinct value of a happening's role: its first claim and the zones of its writers.
    struct Group {
        source: usize,
        claim: usize,
        zones: Vec<chrono_tz::Tz>,
        /// Every (source, claim) stating this value.
        all: Vec<(usize, usize)>,
    }
    type Key = (u64, u64);
    for h in &corpus.happenings {
        for role in [Role::When, Role::Length] {
            let mut groups: Vec<(Key, Group)> = Vec::new();
            let mut slot: lexicon::HashMap<Key, usize> = Default::default();
            for &(si, ci, r) in &h.claims {
                if r != role {
                    continue;
                }
                let (si, ci) = (si as usize, ci as usize);
                let s = &corpus.sources[si];
                let c = &s.ex.claims[ci];
                let key: Key = match &c.value {
                    _ if c.stamp => continue,
                    Value::Date(d) if s.lent_date && d.relative => continue,
                    Value::Date(d) => match interval(d) {
                        Some((lo, hi)) => (lo.num_days_from_ce() as u64, hi.num_days_from_ce() as u64),
                        None => continue,
                    },
                    Value::Duration(d) => (d.min_seconds.to_bits(), d.max_seconds.to_bits()),
                    Value::Person(_) => continue,
                };
                let claim_zones = if matches!(c.value, Value::Date(_)) {
                    zones::of_claim(&s.ex, &s.zones, c.span)
                } else {
                    Vec::new()
                };
                let g = match slot.get(&key) {
                    Some(&g) => g,
                    None => {
                        slot.insert(key, groups.len());
                        groups.push((key, Group { source: si, claim: ci, zones: Vec::new(), all: Vec::new() }));
                        groups.len() - 1
                    }
                };
                for z in claim_zones {
                    if !groups[g].1.zones.contains(&z) {
                        groups[g].1.zones.push(z);
                    }
                }
                groups[g].1.all.push((si, ci));
            }
            for (i, (_, first)) in groups.iter().enumerate() {
                for (_, second) in &groups[i + 1..] {
                    // The finding is on the value fewer sources state (the odd one out),
                    // with every source of the other value as evidence.
                    let (a, b) = if second.all.len() < first.all.len() { (second, first) } else { (first, second) };
                    if a.source == b.source {
                        continue; // an article's own values are its own business
                    }
                    if let Some(mut f) = pair_finding(corpus, a.source, a.claim, b.source, b.claim, &a.zones, &b.zones)
                    {
                        // The other sources that state the same value are evidence too.
                        for &(so, co) in b.all.iter().filter(|&&(so, co)| (so, co) != (b.source, b.claim)) {
                            f.evidence.push(evidence_of(
                                corpus,
                                so,
                                co,
                                Verdict::Contradicts,
                                f.code == Code::DateTimezone,
                            ));
                        }
                        let event = corpus.sources[a.source].event;
                        out.push(SourceDisagreement { event, source: a.source, finding: f });
                    }
                }
            }
        }
    }
    out.sort_by_key(|d| (d.event, d.source, d.finding.span.start, d.finding.code));
    out
}

/// The finding for two sources' claims of one bucket, if they cannot both hold:
/// `date-timezone` when a time zone explains a day's difference, else
/// `sources-disagree`. Both are information: no source is the writer's slip.
fn pair_finding(
    corpus: &Corpus,
    sa: usize,
    ca: usize,
    sb: usize,
    cb: usize,
    zones_a: &[chrono_tz::Tz],
    zones_b: &[chrono_tz::Tz],
) -> Option<Finding> {
    let (a, b) = (&corpus.sources[sa], &corpus.sources[sb]);
    let (x, y) = (&a.ex.claims[ca], &b.ex.claims[cb]);
    let (code, timezone) = match (&x.value, &y.value) {
        (Value::Duration(p), Value::Duration(q)) => {
            if p.overlaps(q) {
                return None;
            }
            (Code::SourcesDisagree, false)
        }
        (Value::Date(p), Value::Date(q)) => {
            let gap = gap_days(interval(p)?, interval(q)?);
            if gap == 0 {
                return None;
            }
            let tz = match (p.date(), q.date()) {
                (Some(dp), Some(dq)) if gap == 1 => zones::explains(dp, zones_a, dq, zones_b),
                _ => false,
            };
            (if tz { Code::DateTimezone } else { Code::SourcesDisagree }, tz)
        }
        _ => return None,
    };
    let text = x.text(&a.ex.article.text);
    let other = y.text(&b.ex.article.text);
    let message = Message::new(if timezone { "pair.timezone" } else { "pair.disagree" })
        .arg("claim", text)
        .arg("value", describe_value(&x.value))
        .arg("source", b.label())
        .arg("other", other)
        .arg("other_value", describe_value(&y.value));
    let message =
        if timezone { message.arg("zones", zone_note(a.place.as_deref(), b.place.as_deref())) } else { message };
    let evidence = vec![evidence_of(corpus, sb, cb, Verdict::Contradicts, timezone)];
    Some(Finding { code, severity: code.severity(), message, span: x.span, claim: ca, evidence, fixes: Vec::new() })
}
