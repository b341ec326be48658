# The interview's session: welcome, plain mode, replay, saving.

## The welcome, before the first question.

# $total: the most questions there can be; $answered: answers already given (a resumed
# file), 0 for none; $minutes: the most minutes it can take.
session-intro = At most { $total ->
        [one] 1 question
       *[other] { $total } questions
    }{ $answered ->
        [0] {""}
        [one] {" "}(1 answer already given)
       *[other] {" "}({ $answered } answers already given)
    }, safety questions first; it stops as soon as more answers could not change your result, so most people answer far fewer. At most about { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    }.
session-keys = Keys: arrows and Enter to choose, Space to tick, ? for not sure, Esc to go back, Ctrl-C to stop.
# The keys line of plain mode, where every answer is typed.
session-keys-plain = Answer by typing, then press Enter: y or n, a number, or the numbers of those that apply; ? or "not sure" if you are not sure; "back" to go back. Ctrl-D or Ctrl-C stops.

## The end of the interview.

session-emergency-stop = STOP: this needs emergency care now. No more questions.
session-saved-so-far = Your answers so far are saved in { $path }; continue with: backscreen --resume { $path }
session-saved = Your answers are saved in { $path } (readable only by you). A clinician can see this result with: backscreen evaluate { $path }

## Problems, shown to the person (after "backscreen: " when the program stops).

session-needs-terminal = the interview needs a terminal to ask its questions; without one, write an answers file and run `backscreen evaluate ANSWERS` (or `backscreen interview --replay ANSWERS` to see what it would ask)
session-warning-version = backscreen: warning: these answers were saved with rules version { $saved }; continuing with version { $current }
session-error-exists = { $path } already exists; pass --force to overwrite it, or --resume { $path } to continue it
session-error-cannot-save = cannot save answers to { $path }
session-error-save-failed = backscreen: could not save answers to { $path }: { $reason }; they will be shown at the end so nothing is lost
session-error-unsaved = backscreen: could not save your answers to { $path } ({ $reason }). Here they are, so nothing is lost:
session-error-locked = { $path } is open in another backscreen session; finish or stop that one first (two sessions would overwrite each other's answers)
session-error-cannot-lock = cannot lock { $path }
session-error-bad-link = { $path } is a link to a file that cannot be reached
session-error-kept = { $path } is kept as it is; choose another name
session-error-writing-terminal = writing to the terminal
session-error-reading-terminal = reading the terminal
session-error-writing-result = writing the result

## Shared by plain mode and replay.

# The progress line: $more is how many questions at most come after this one.

## Replay (`interview --replay`): each prompt with the answer the file gives.

replay-answer = Answer:
replay-emergency-confirmed = This needs emergency care now ({ $flags }). Is that right? Yes
replay-stopped-emergency = Stopped: an answer needs emergency care.
replay-stopped-decided = Stopped: no answer still to come could change the result.
replay-complete = Every question that applies has an answer.
replay-prompts = { $n ->
        [one] 1 prompt.
       *[other] { $n } prompts.
    }
replay-error-replaying = replaying the interview
replay-error-writing = writing the replay

## Plain mode (--plain, or TERM=dumb): each prompt printed once, answers typed.

# What the person may type, in lower case, separated by |. "?" is always "not sure".
plain-words-yes = y|yes
plain-words-no = n|no
plain-words-not-sure = not sure|notsure|unsure
plain-words-back = back
plain-words-none = none

# The parts of the line that says how to answer; joined with "; ".
plain-how-yes-no = type y for yes or n for no
plain-how-choice = type the number of your answer
plain-how-choices = type the numbers of all that apply, separated by spaces or commas
plain-how-checklist = type the numbers of those that apply, separated by spaces or commas, or 0 if none of these applies
plain-how-checklist-unsure = put ? before the number of one you are not sure about (for example ?{ $example })
plain-how-number = type a whole number from { $min } to { $max }{ $unit }
plain-how-not-sure = ? or "not sure" if you are not sure
plain-how-back = "back" to go back
plain-then-enter = Then press Enter.
plain-keep = Enter alone keeps your previous answer: { $answer }.
plain-your-answer = Your answer:
plain-recorded = Recorded: { $answer }
plain-not-sure-mark = (not sure)
plain-went-back = (back to the previous question)

# A refused entry: what was typed, then what is allowed.
plain-wrong = "{ $typed }" is not an answer here.
plain-wrong-empty = Nothing was typed.
plain-wrong-none-with-others = 0 (none of these) cannot go with other numbers.
plain-wrong-exclusive = { $number } ({ $choice }) cannot go with other choices.
plain-wrong-no-back = This is the first question: there is none to go back to.

# The emergency check, after an answer that needs emergency care.
plain-check-answer = Please check this answer.
plain-you-said = You said: “{ $question }” { $answer }
plain-emergency-question = This needs emergency care now. Is that right?
plain-emergency-how = Type y if that is right, or n to go back and change the answer; then press Enter.
plain-back-to-question = (back to the question)

# Saving at the end, when no --save file was given.
plain-offer-save = Save your answers to a file, for example for your clinician? Type y or n, then press Enter (Enter alone: no).
plain-file-name = File name (Enter alone: { $default }; "back" to go back):
plain-overwrite = { $path } already exists. Replace it with these answers? Type y or n, then press Enter (Enter alone: no).
