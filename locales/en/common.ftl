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
