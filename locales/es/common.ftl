# Palabras que usa todo el programa. Cada mensaje tiene el mismo id en cada idioma.

questions-count = { $n ->
    [one] 1 pregunta
   *[other] { $n } preguntas
}
