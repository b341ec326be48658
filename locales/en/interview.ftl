# The interactive interview in a terminal: prompts drawn in place, answered with keys.

## Keys. A key is one letter, typed in either case; each language brings its own.

key-yes = y
key-no = n

# The hint under a question: the parts that apply, joined with ", " inside ( ).
keys-yes-no = { $yes } or { $no }
keys-not-sure = ? for not sure
keys-back = Esc to go back
keys-pick = arrows and Enter
keys-tick = arrows, Space to tick
keys-tick-done = Enter when done
keys-number = type a number and press Enter

## A prompt

# The progress line: $more is how many questions at most come after this one.
# Before the answer being given, and before the record of the answer given.
prompt-answer = Answer
# A row marked with ? in a list to tick.
prompt-not-sure-mark = (not sure)
# A long list shows the rows that fit the screen; these lines stand for the others.
prompt-more-above = { $n ->
        [one] ↑ 1 more above
       *[other] ↑ { $n } more above
    }
prompt-more-below = { $n ->
        [one] ↓ 1 more below
       *[other] ↓ { $n } more below
    }
prompt-back = (back to the previous question)
# A problem with what was typed or ticked, in a terminal without colour.
prompt-error = error: { $message }

## Numbers. $unit is empty or the unit after a space (" years").

number-range = Answer ({ $min } to { $max }{ $unit })
number-range-not-sure = Answer ({ $min } to { $max }{ $unit }, or ? if not sure)
number-refused = { $typed } is not allowed: enter a whole number from { $min } to { $max }{ $unit }
number-refused-empty = nothing is not allowed: enter a whole number from { $min } to { $max }{ $unit }

## Lists to tick: Enter with nothing ticked.

tick-empty = Tick at least one choice (Space).
tick-empty-or-none = Tick at least one choice (Space), or the "none" choice.
tick-empty-checklist = Tick each one that applies (Space), or "None of these".

## The check of an answer that needs emergency care

emergency-check = Please check this answer
emergency-you-said = You said: “{ $question }” { $answer }
emergency-question = This needs emergency care now. Is that right?
emergency-keys = ({ $yes }: yes, that is right; { $no } or Esc: go back and change the answer)
emergency-back = (back to the question)

## Saving at the end, when no --save file was given. $keys is keys-yes-no.

save-offer = Save your answers to a file, for example for your clinician? ({ $keys })
save-file-name = File name (Esc to go back)
save-overwrite = { $path } already exists. Replace it with these answers? ({ $keys })
