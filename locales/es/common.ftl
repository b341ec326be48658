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

# "Pregunta 3, como máximo 12 más": dónde está una pregunta en la entrevista.
progress = Pregunta { $number }, { $more ->
        [0] la última
        [one] como máximo 1 más
       *[other] como máximo { $more } más
    }
# La fila de una lista que dice no a todo.
none-of-these = Ninguna de estas

# Tras el aviso, cuando los textos son una traducción que aún no ha revisado ningún profesional de la salud.
translation-not-reviewed = Esta traducción aún no la ha revisado un profesional de la salud.
