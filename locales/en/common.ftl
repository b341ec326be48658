# Words used across the program. Each message has the same id in every language.

questions-count = { $n ->
    [one] 1 question
   *[other] { $n } questions
}

# An answer, in words.
answer-yes = Yes
answer-no = No
answer-not-sure = Not sure
answer-none-selected = None selected

# Errors a patient may see.
error-cancelled = screening cancelled

# "Question 3, at most 12 more": where a prompt is in the interview.
progress = Question { $number }, { $more ->
        [0] the last one
        [one] at most 1 more
       *[other] at most { $more } more
    }
# The row of a checklist that says no to all of it.
none-of-these = None of these

# After the disclaimer, when the texts shown are a translation no clinician has reviewed yet.
translation-not-reviewed = This translation has not yet been reviewed by a clinician.
