# The result and the reports: the text result (evaluate and the end of an interview),
# the Markdown and HTML clinician reports, the texts of the JSON outcome and of FHIR.
# Write plain text, without Markdown or HTML markup (`*`, `_`, `|`, `<`, `&`): the
# Markdown report puts these words in as they are. Numbers that select no plural are
# passed as text, so they read exactly as the number.

## Triage levels

# A level as a short label.
level-emergency = Emergency
level-urgent = Urgent
level-soon = Soon
level-self-care = Self-care

# A level as a tag before a red flag in the text result: [EMERGENCY], [URGENT?].
level-tag-emergency = EMERGENCY
level-tag-urgent = URGENT
level-tag-soon = SOON
level-tag-self-care = SELF_CARE

# A level that a "not sure" answer leaves open: EMERGENCY?, Urgent?
level-open = { $level }?

# What a level means, in one line: the headline of a result.
headline-emergency = EMERGENCY: get emergency care now
headline-urgent = URGENT: see a clinician within 24-48 hours
headline-soon = SOON: book a visit with a clinician
headline-self-care = SELF-CARE: no red flags found in your answers
# At self-care while a "not sure" answer leaves a red flag open.
headline-self-care-open = SELF-CARE: no red flag fired, but some "not sure" answers need checking (see below)

## Words the engine puts into a result

serious-cause-title = A serious cause must be ruled out first
serious-cause-message = Your answers include a warning sign. Until a clinician has checked it, no common cause is offered here as the explanation of your pain.
serious-cause-causes-heading = For your clinician: other patterns in your answers (not an explanation while a serious cause is being ruled out)
# Why a therapy is not suggested: a question that could rule it out.
fit-reason-not-answered = Not yet answered: “{ $question }”
fit-reason-not-sure = Not sure: “{ $question }”
# A 0-10 scale answer.
scale-answer = { $n }/10

## ART and rehab

fit-may-fit = may fit
fit-not-suggested = not suggested now
fit-areas-to-work-on = Areas to work on
fit-focus-on = Focus on

## The text result

result-rules = rules { $id } { $version }
result-because-you-answered = because you answered "{ $question }" -> { $answer }
result-source = Source: { $sources }
result-not-sure-about = you were not sure: "{ $question }"
result-if-this-applies = If this applies to you:
# After an emergency stop; only said for more than 3.
result-not-asked = { $n ->
    [one] 1 other safety question was not asked.
   *[other] { $n } other safety questions were not asked.
}
result-not-screened = Not screened: these safety questions have no answer:
result-heading-causes = What your answers point to
result-no-cause = No particular cause stands out from your answers.
result-score = (score { $score })
result-cause-with-score = { $name } (score { $score })
result-fit-nothing = Nothing in your answers points to it.
result-heading-next-steps = Next steps
result-disclaimer = Disclaimer:

# The short block printed last.
summary-your-result = Your result: { $headline }
summary-what-to-do = What to do:
summary-because-of = Because of:
summary-still-open = Still open:
summary-not-sure-about = you were not sure about signs of { $flags }; see above what to do if they apply
summary-and-more = { $list } and { $n } more
summary-points-to = Points to:
summary-full-result-above = The full result, with the reasons, is above.

chart-heading = Cause scores

## The clinician report (Markdown and HTML)

report-title = { $title }: clinician report
report-clinician-report = Clinician report
report-answers-dated = answers dated: { $date }
report-status-lower = status: { $status }
report-label-answers-saved = Answers saved
report-label-status = Status
report-label-rules = Rules
report-label-version = Version
report-rules-version = Rules: { $id } version { $version }
report-not-recorded = not recorded
report-status-complete = complete
report-status-incomplete = incomplete
report-status-stopped-at-emergency = stopped at emergency

report-heading-triage = Triage
report-triage-level = Triage level: { $level }
report-triage-level-lower = triage level: { $level }
report-no-red-flag = No red flag fired.
report-red-flags-fired = Red flags that fired
report-triggered-by = Triggered by
report-sources = Sources
report-open-flags = Red flags left open by a "not sure" answer (if the symptom is there)
report-open-flags-label = Red flags left open by a not-sure answer
report-if-it-applies = If it applies
report-sources-cited = Sources cited

report-heading-screen = Red-flag screen
report-no-red-flag-questions = These rules have no red-flag questions.
report-column-question = Question
report-column-answer = Answer
report-yes = yes
report-no = no
report-not-asked = not asked
report-not-screened = not screened
report-red-flag = red flag

report-heading-pain-duration = Pain and duration
report-pain-now = Pain now
report-duration = Duration

report-heading-causes = Likely causes
report-no-cause = No particular cause stands out from the answers.
report-no-other-pattern = No other pattern stands out from the answers.
report-column-cause = Cause
report-column-score = Score
report-column-evidence = Evidence
report-score-of = { $score } of { $max }
report-score-max = (max { $max })

report-heading-treatment = ART and rehab
report-may-fit = May fit
report-not-suggested = Not suggested now
report-for = For
report-against = Against
report-fit-nothing = Nothing in the answers points to it.

report-heading-answers = All answers
report-no-answers = No answers were given.
report-answers-in-screen = Answers to the red-flag questions are in the red-flag screen above.
report-answers-in-screen-note = answers to red-flag questions are in the screen above

report-heading-record = Rules, version and date
report-heading-disclaimer = Disclaimer

## FHIR (the texts of the screening result)

fhir-triage-outcome = Triage level: how soon to get care
fhir-method = backscreen rules { $id } { $version }
fhir-subject = the person screened
fhir-not-screened = Not screened (no answer): { $questions }
fhir-reasons = Reasons: { $reasons }
fhir-reasons-against = Reasons against: { $reasons }
fhir-areas = Areas
fhir-focus = Focus

## HTML print

report-html-print-flag-why = ▲ in the red-flag screen below marks the answers that made a flag fire.
report-html-print-sources = Full citations: on screen and in the rules file.
report-html-print-not-asked = { $n ->
    [one] 1 safety question was not asked: it did not apply.
   *[other] { $n } safety questions were not asked: they did not apply.
}
report-html-print-rest-all-no = { $n ->
    [one] The other safety question: no.
   *[other] All other { $n } safety questions: no.
}
report-html-print-rest = { $n ->
    [one] 1 other safety question
   *[other] { $n } other safety questions
} answered without a red flag ({ $no } "no").
report-html-print-full-list = Every answer: on screen and in the answers file.
report-html-print-answers-rest = { $n ->
    [0] Every answer: on screen and in the answers file.
    [one] 1 other answer: No. Every answer: on screen and in the answers file.
   *[other] { $n } other answers: No. Every answer: on screen and in the answers file.
}
report-html-print-reasons-on-screen = { $n ->
    [one] (1 reason: on screen)
   *[other] ({ $n } reasons: on screen)
}
report-html-print-reasons-for = { $n ->
    [one] (1 reason for it: on screen)
   *[other] ({ $n } reasons for it: on screen)
}
report-html-print-evidence-on-screen = The evidence for each pattern: on screen.
report-html-print-answers-counted = { $n ->
    [one] 1 answer
   *[other] { $n } answers
} besides the safety questions ({ $no } "no"): on screen and in the answers file.

## Report content

report-label-patient = Patient
report-label-answers-file = Answers file
# A date and time as a person reads it: "24 November 2026, 14:05".
report-date-time = { $day } { $month } { $year }, { $time }
report-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
