# Palabras que usa todo el programa. Cada mensaje tiene el mismo id en cada idioma.

questions-count = { $n ->
    [one] 1 pregunta
   *[other] { $n } preguntas
}

# Una respuesta, en palabras.
answer-yes = Sí
answer-no = No
answer-not-sure = No lo sé
answer-none-selected = Ninguna marcada

# Errores que puede ver un paciente.
error-cancelled = cribado cancelado
