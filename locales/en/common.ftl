# Words used across the program. Each message has the same id in every language.

questions-count = { $n ->
    [one] 1 question
   *[other] { $n } questions
}
