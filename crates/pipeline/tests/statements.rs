//! Statement examples through the whole analysis: what counts as a forecast or an
//! outcome, each sentence with the events it should give.

use overdue_pipeline::analyse;
use overdue_pipeline::text::{DateSource, Document, Published};

fn statements(text: &str) -> Vec<(&'static str, &'static str)> {
    let mut doc = Document::new("example", text);
    doc.meta.published = Published::known("2024-03-01".to_string(), DateSource::Flag);
    analyse(doc)
        .statements
        .iter()
        .map(|s| (s.kind, s.event))
        .collect()
}

#[test]
fn aimed_at_is_not_done() {
    // An effort or an aim is not a report that it happened.
    assert_eq!(
        statements("Workers are doing everything possible to complete the bridge."),
        vec![]
    );
    // A milestone not reached yet is reported as a delay, as of when it was said.
    assert_eq!(
        statements("The company has yet to complete the terminal."),
        vec![("outcome", "delayed")]
    );
    assert_eq!(
        statements("The new runway has not yet opened, the airport said."),
        vec![("outcome", "delayed")]
    );
    assert_eq!(
        statements("The line has yet to open, but it will open in 2027, officials said."),
        vec![("forecast", "operation_start"), ("outcome", "delayed")]
    );
    assert_eq!(statements("It is yet to be decided who pays."), vec![]);
    // Late by a stretch of time, or stopped: delays too.
    for text in [
        "The bridge is two years late.",
        "The new line is now 18 months behind.",
        "Work on the terminal stalled in 2019.",
        "Construction of the dam was halted in May.",
    ] {
        assert_eq!(statements(text), vec![("outcome", "delayed")], "{text}");
    }
    assert_eq!(statements("Talks stalled in May."), vec![]);
    assert_eq!(
        statements("The work is now about 95% finished."),
        vec![("outcome", "construction_start")]
    );
    assert_eq!(
        statements("The dam is now 95% complete, and it is set to open in 2026."),
        vec![
            ("forecast", "operation_start"),
            ("outcome", "construction_start")
        ]
    );
    // Managing to do it is.
    assert_eq!(
        statements("The contractor managed to complete the bridge in May."),
        vec![("outcome", "construction_complete")]
    );
    assert_eq!(
        statements("The contractor completed the bridge in May."),
        vec![("outcome", "construction_complete")]
    );
}

#[test]
fn future_forms_are_forecasts() {
    assert_eq!(
        statements("The minister said the bridge will open by the end of 2026."),
        vec![("forecast", "operation_start")]
    );
}

/// A forecast as these examples read it: (event, speaker, said, target).
type Forecast = (&'static str, Option<String>, Option<String>, Option<String>);

/// Each forecast of a text published on 2017-02-03.
fn forecasts(text: &str) -> Vec<Forecast> {
    let mut doc = Document::new("example", text);
    doc.meta.published = Published::known("2017-02-03".to_string(), DateSource::Flag);
    analyse(doc)
        .statements
        .iter()
        .filter(|s| s.kind == "forecast")
        .map(|s| {
            (
                s.event,
                s.speaker.as_ref().map(|x| x.name.clone()),
                s.said.clone(),
                s.target.as_ref().and_then(|t| t.value.clone()),
            )
        })
        .collect()
}

#[test]
fn a_date_after_a_future_form_is_its_target_not_when_it_was_said() {
    assert_eq!(
        forecasts("The construction of the plant will start in 2017, Minister Alan Reed said."),
        vec![(
            "construction_start",
            Some("Alan Reed".into()),
            Some("2017-02-03".into()),
            Some("2017".into())
        )]
    );
}

#[test]
fn the_subject_names_what_starts() {
    // However long the subject, "the construction of … will start" starts construction.
    let f = forecasts(
        "The construction of the new container terminal in the northern port will start in 2019, the minister said.",
    );
    assert_eq!(f[0].0, "construction_start");
    // A verb that names nothing leaves the event to a noun of the subject.
    let f = forecasts("Delivery of the first airplane is now expected in 2025.");
    assert_eq!(f[0].0, "delivery");
    // Not a participle at the end of a clause about something done.
    let f = forecasts(
        "Workers lifted the last deck section on Friday, completing the span two years after the date first promised.",
    );
    assert!(f.iter().all(|x| x.0 == "other"), "{f:?}");
}

#[test]
fn who_hopes_or_says_is_the_speaker() {
    let f = forecasts(
        "Prime Minister Omar Vale expressed hope on December 6, 2016 that the operation of the plant's first unit would start by 2023.",
    );
    assert_eq!(
        f.last().unwrap(),
        &(
            "operation_start",
            Some("Omar Vale".into()),
            Some("2016-12-06".into()),
            Some("2023".into())
        )
    );
    // A verb of saying outranks one of expecting: the president speaks.
    let f = forecasts(
        "Gulf Air will be the first operator of the jet and expects to take delivery of the first aircraft in early 2020, Gulf Air president Tim Marsh says.",
    );
    assert!(
        f.iter().any(|x| x.1.as_deref() == Some("Tim Marsh")),
        "{f:?}"
    );
}

#[test]
fn a_quote_attributed_at_its_end_speaks_for_all_its_sentences() {
    let f = forecasts(
        "ANKARA, September 19. Energy Minister Fatih Dorn spoke on Monday.\n\n\"An agreement was reached. We must launch the first reactor in 2023. The schedule is binding for us,\" the minister said, according to the Daily Star.",
    );
    let launch = f.iter().find(|x| x.3.as_deref() == Some("2023")).unwrap();
    assert_eq!(launch.1.as_deref(), Some("Fatih Dorn"), "{f:?}");
}

#[test]
fn a_straight_quote_between_letters_is_an_apostrophe_not_a_quotation() {
    // The headline's `plant"s` opens no quotation, so the quote below is read whole.
    let f = forecasts(
        "The plant\"s first unit is 95% complete, says minister\nThe first unit is 95% complete, Energy Minister Fatih Dorn said.\n\"All our efforts are on the first unit. The start of generation is planned for 2026. We work closely with the contractor,\" the minister said.",
    );
    let start = f.iter().find(|x| x.3.as_deref() == Some("2026")).unwrap();
    assert_eq!(start.1.as_deref(), Some("Fatih Dorn"), "{f:?}");
}

#[test]
fn a_report_speaks_for_whoever_issued_it() {
    // "Office of …" names an institution, titles in its name notwithstanding.
    let f = forecasts(
        "A new report from the Office of Inspector General was released on Monday. The Rail Authority disputed it.\n\nThe line is now not expected to open until the end of 2026, the report says.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("Office of Inspector General"));
    // "X reported": X gives the report.
    let f = forecasts(
        "Delivery of the jet was pushed back, Harbor News reported on Thursday. The airline, the launch customer, met on Friday.\n\nThe first jet will not be delivered until 2027, the report said.",
    );
    assert_eq!(f[0].1.as_deref(), Some("Harbor News"), "{f:?}");
}

#[test]
fn forecasts_told_as_noun_phrases_one_per_date() {
    // Published 2017-02-03: dates after it are targets.
    let f = forecasts(
        "The new cost estimate is $7 billion, with the first segment operable in 2029 and full completion in 2033.",
    );
    let got: Vec<_> = f.iter().map(|x| (x.0, x.3.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("operation_start", Some("2029")),
            ("construction_complete", Some("2033"))
        ]
    );
    // A target beside a future form is a forecast of its own.
    let f = forecasts(
        "Sources said the project was likely to miss its 2023 target start-up date as the builder struggled.",
    );
    assert!(
        f.iter()
            .any(|x| x.0 == "operation_start" && x.3.as_deref() == Some("2023")),
        "{f:?}"
    );
    // A plan's owner speaks for its target; a date behind which a project is, is none.
    let f = forecasts(
        "A review shows that while the Harbour Authority's business plan sets 2030 as the target, work lags.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("Harbour Authority"));
    assert_eq!(f[0].3.as_deref(), Some("2030"));
    assert!(forecasts("The project is now a year behind its 2030 target.").is_empty());
    // A past date is no target.
    assert!(forecasts("The line saw full completion in 2015.").is_empty());
}

#[test]
fn a_plan_speaks_through_whoever_published_it() {
    let f = forecasts(
        "The Harbour Rail Authority unveiled the draft of an updated business plan last week. The new cost estimate is $7 billion, with the first segment operable in 2029.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("Harbour Rail Authority"), "{f:?}");
}

#[test]
fn a_speaker_introduced_by_a_colon_goes_on_in_the_first_person() {
    let f = forecasts(
        "Mayor Ann Holt made the following comments at the opening of the fair:\n\nI am confident the bridge will open by the end of 2026.\n\nWe will also finish the tunnel in 2027.\n\nThe fair closes on Sunday, and the tunnel will open in 2028.",
    );
    let by_target = |y: &str| {
        f.iter()
            .find(|x| x.3.as_deref() == Some(y))
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(by_target("2026").as_deref(), Some("Ann Holt"), "{f:?}");
    assert_eq!(by_target("2027").as_deref(), Some("Ann Holt"), "{f:?}");
    // Not past a sentence in the third person.
    assert_eq!(by_target("2028"), None, "{f:?}");
}

#[test]
fn a_slip_until_a_date_is_a_forecast_of_that_date() {
    let f = forecasts(
        "Engine problems are delaying the first flight until early 2027, the company said.",
    );
    assert_eq!(
        f.iter().filter(|x| x.3.as_deref() == Some("2027")).count(),
        1,
        "{f:?}"
    );
    // Beside a target of its own.
    let f = forecasts(
        "The company is still targeting late 2026 for first delivery, but engine problems are delaying the first flight until early 2026.",
    );
    let targets: Vec<_> = f.iter().filter_map(|x| x.3.as_deref()).collect();
    assert_eq!(targets.len(), 2, "{f:?}");
    let f = forecasts("The jet is delayed until 2025, with production paused through to 2023.");
    let mut targets: Vec<_> = f.iter().filter_map(|x| x.3.clone()).collect();
    targets.sort();
    assert_eq!(
        targets,
        vec!["2023".to_string(), "2025".to_string()],
        "{f:?}"
    );
}

#[test]
fn a_report_named_before_its_issuer_speaks_for_the_issuer() {
    let f = forecasts(
        "A rendering of the new station. Harbour Rail Authority. A new report says the western segment is unlikely to open on time.\n\nThe start of operations on the western segment is unlikely to meet its target, according to a new report from the Harbour Rail Authority's Office of Inspector General.",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    for x in &f {
        assert_eq!(x.1.as_deref(), Some("Office of Inspector General"), "{f:?}");
    }
}

#[test]
fn a_rate_or_a_stretch_of_time_is_no_target() {
    let f = forecasts("The plant is expected to produce about 35 billion kilowatt-hours per year.");
    assert!(f.iter().all(|x| x.3.is_none()), "{f:?}");
    let f = forecasts(
        "The question of when the company will ship its robotaxi has been out there for at least five years.",
    );
    assert!(f.iter().all(|x| x.3.as_deref() != Some("P5Y")), "{f:?}");
    // A span within which something happens is one.
    let f = forecasts("The plant will be completed within two years.");
    assert_eq!(f[0].3.as_deref(), Some("P2Y"), "{f:?}");
}

#[test]
fn a_deadline_after_the_clause_of_a_future_form_is_its_target() {
    let f = forecasts(
        "\u{201c}Our goal is that we\u{2019}ll be able to drive the car from the port to the airport, and then having it park itself, by the end of next year,\u{201d} Mayor Ann Holt said.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3.as_deref(), Some("2018"), "{f:?}");
    // Not one that another future form owns.
    let f =
        forecasts("The bridge will be painted, and then the tunnel will open by the end of 2019.");
    assert!(
        f.iter().filter(|x| x.3.as_deref() == Some("2019")).count() <= 1,
        "{f:?}"
    );
}

#[test]
fn a_plan_told_after_the_fact_and_the_date_a_slip_moved_from() {
    // Published 2017-02-03.
    let f = forecasts(
        "Work that was to be completed by early 2018 is now not expected to be done until the end of 2018.",
    );
    let mut targets: Vec<_> = f.iter().filter_map(|x| x.3.clone()).collect();
    targets.dedup();
    assert_eq!(f.len(), 2, "{f:?}");
    let f = forecasts(
        "Delivery of the jet is being pushed back to early 2019, instead of next year, the Harbor Times reported.",
    );
    let mut targets: Vec<_> = f.iter().filter_map(|x| x.3.clone()).collect();
    targets.sort();
    assert_eq!(
        targets,
        vec!["2018".to_string(), "2019".to_string()],
        "{f:?}"
    );
}

#[test]
fn a_plan_in_the_passive_speaks_for_its_agent() {
    let f = forecasts(
        "The Harbour Rail Authority met on Monday.\n\nThe northern line is being promoted by the rail authority to be its first operational segment by 2028.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("Harbour Rail Authority"), "{f:?}");
    assert_eq!(f[0].3.as_deref(), Some("2028"), "{f:?}");
}

#[test]
fn a_headline_repeated_in_the_text_says_its_forecast_once() {
    let f = forecasts(
        "First Delivery Of The Jet Has Been Delayed To 2022\n\nBy a reporter\n\nFirst Delivery Of The Jet Has Been Delayed To 2022\n\nThe maker said so.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn a_headline_names_its_speaker_after_a_colon() {
    let f = forecasts(
        "Harbour tunnel construction to start in 2018: Marta Quill\n\nThe tunnel is long.",
    );
    assert_eq!(f[0].1.as_deref(), Some("Marta Quill"), "{f:?}");
}

#[test]
fn a_plan_told_after_the_fact_is_a_forecast_with_its_date() {
    let f =
        forecasts("Kestrel Aviation Corp. initially planned the first flight of the K390 in 2019.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].1
            .as_deref()
            .is_some_and(|s| s.starts_with("Kestrel Aviation")),
        "{f:?}"
    );
    assert_eq!(f[0].3.as_deref(), Some("2019"));
    let f = forecasts("The previous plan called for trains to run from Avonford to Kelby by 2022.");
    assert_eq!(f[0].3.as_deref(), Some("2022"), "{f:?}");
    // Not "as planned", nor a plan with no date.
    assert!(forecasts("The bridge opened in May 2016, as planned.").is_empty());
    assert!(forecasts("The company planned a new terminal.").is_empty());
}

#[test]
fn progress_and_lateness_are_outcomes() {
    assert_eq!(
        statements("The first unit of the plant is 95% complete, the minister said."),
        vec![("outcome", "construction_start")]
    );
    assert_eq!(
        statements("The bridge opened in May 2022, two years later than originally planned."),
        vec![("outcome", "delayed")]
    );
}

#[test]
fn future_forms_inside_a_word_and_plans_of_purpose() {
    let f =
        forecasts("\"I think we'll be better than humans by the end of this year,\" Musk said.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3.as_deref(), Some("2017"));
    let f = forecasts(
        "The company will speed up the work in order to generate electricity in 2025, Lena Brook said.",
    );
    assert!(f.iter().any(|x| x.3.as_deref() == Some("2025")), "{f:?}");
    let f = forecasts("\"I feel very confident predicting robotaxis next year,\" Lena Brook said.");
    assert_eq!(f[0].3.as_deref(), Some("2018"), "{f:?}");
}

#[test]
fn a_title_names_the_person_who_holds_it() {
    let f = forecasts(
        "Harbour Minister Ada Quist visited the site on Friday.\n\nThe new terminal is large. The minister said on Friday that the terminal will open in 2019.",
    );
    assert_eq!(f[0].1.as_deref(), Some("Ada Quist"), "{f:?}");
    // "says the X segment is …": the name after the verb begins what is said.
    let f =
        forecasts("A new report says the Bayfield Authority will not open the line before 2020.");
    assert!(
        f.iter()
            .all(|x| x.1.as_deref() != Some("Bayfield Authority")),
        "{f:?}"
    );
}

#[test]
fn aspirations_are_forecasts() {
    let f = forecasts(
        "\"We aspire to reach volume production of the robotaxi in 2024,\" Lena Brook said.",
    );
    assert_eq!(f[0].3.as_deref(), Some("2024"), "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("Lena Brook"));
}

#[test]
fn a_noun_phrase_with_a_future_date_is_a_forecast() {
    let f = forecasts(
        "The updated plan, Lena Brook said, foresees full completion in 2033 at a cost of $77 billion.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "construction_complete");
    assert_eq!(f[0].3.as_deref(), Some("2033"));
    // A date already past is history, not a promise.
    assert!(forecasts("The bridge saw its completion in 2015 after years of work.").is_empty());
}

#[test]
fn a_quarter_that_names_a_report_is_no_target() {
    // "third-quarter earnings report" covers a quarter; the report comes "later this month".
    let f = forecasts(
        "Analysts expect the builder to announce a charge for the delay in its third-quarter \
         earnings report later this month.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3.as_deref(), Some("2017-02"), "{f:?}");
}

#[test]
fn a_delay_is_no_deadline() {
    // "two years later than planned" says how late, not by when.
    let f = forecasts(
        "The builder said the terminal will open two years later than planned, \
         after the contractor collapsed.",
    );
    assert!(f.iter().all(|f| f.3.as_deref() != Some("P2Y")), "{f:?}");
}

#[test]
fn no_earlier_than_bounds_a_target_from_below() {
    for text in [
        "The minister said the airport will open no earlier than 2027.",
        "The minister said the airport will open not before 2027.",
        "The minister said the airport will not open before 2027.",
        "The minister said the airport is unlikely to open before 2027.",
    ] {
        let mut doc = Document::new("example", text);
        doc.meta.published = Published::known("2024-03-01".to_string(), DateSource::Flag);
        let a = analyse(doc);
        let bounds: Vec<_> = a
            .statements
            .iter()
            .filter_map(|s| s.target.as_ref())
            .map(|t| (t.value.as_deref(), t.bound))
            .collect();
        assert_eq!(bounds, vec![(Some("2027"), "after")], "{text}");
    }
}

#[test]
fn a_forecast_spans_its_whole_target() {
    // The span reaches the end of the date it promises, not its first word.
    for text in [
        "Musk Says Tesla Cars Will Be Fully Self-Driving By End Of Year",
        "The authority said the bridge will open by the end of 2027.",
    ] {
        let mut doc = Document::new("example", text);
        doc.meta.published = Published::known("2024-03-01".to_string(), DateSource::Flag);
        let a = analyse(doc);
        let target = a.timexes.last().expect("a date").span;
        let st = a.statements.first().expect("a forecast");
        assert!(st.span.end() >= target.end(), "{text}: {:?}", st.span);
    }
}
