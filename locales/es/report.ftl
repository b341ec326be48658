# El resultado y los informes: el resultado en texto (evaluate y el final de una
# entrevista), los informes en Markdown y HTML para el profesional de la salud, los
# textos del resultado en JSON y en FHIR. Escriba texto sin más, sin marcas de Markdown
# ni de HTML (`*`, `_`, `|`, `<`, `&`): el informe en Markdown pone estas palabras tal
# cual. Los números que no eligen plural llegan como texto, tal como se escriben.

## Niveles de triaje

# Un nivel como etiqueta corta.
level-emergency = Urgencia
level-urgent = Urgente
level-soon = Pronto
level-self-care = Autocuidado

# Un nivel como marca delante de una señal de alarma en el resultado en texto: [URGENCIA], [URGENTE?].
level-tag-emergency = URGENCIA
level-tag-urgent = URGENTE
level-tag-soon = PRONTO
level-tag-self-care = AUTOCUIDADO

# Un nivel que una respuesta "No lo sé" deja abierto: ¿URGENCIA?, ¿Urgente?
level-open = ¿{ $level }?

# Lo que significa un nivel, en una línea: el titular de un resultado.
headline-emergency = URGENCIA: busque atención de urgencia ahora
headline-urgent = URGENTE: consulte a un profesional de la salud en 24-48 horas
headline-soon = PRONTO: pida una cita con un profesional de la salud
headline-self-care = AUTOCUIDADO: no se encontraron señales de alarma en sus respuestas
# En autocuidado cuando una respuesta "No lo sé" deja abierta una señal de alarma.
headline-self-care-open = AUTOCUIDADO: no se activó ninguna señal de alarma, pero hay que revisar algunas respuestas “No lo sé” (vea abajo)

## Palabras que el motor pone en un resultado

serious-cause-title = Primero hay que descartar una causa grave
serious-cause-message = Sus respuestas incluyen una señal de alarma. Hasta que un profesional de la salud la haya revisado, aquí no se ofrece ninguna causa común como explicación de su dolor.
serious-cause-causes-heading = Para su profesional de la salud: otros patrones en sus respuestas (no son una explicación mientras se descarta una causa grave)
# Por qué no se recomienda una terapia: una pregunta que podría descartarla.
fit-reason-not-answered = Sin responder todavía: “{ $question }”
fit-reason-not-sure = Respondió “No lo sé” a: “{ $question }”
# Una respuesta en una escala de 0 a 10.
scale-answer = { $n }/10

## ART y rehabilitación

fit-may-fit = puede ser útil
fit-not-suggested = no se recomienda por ahora
fit-areas-to-work-on = Zonas a trabajar
fit-focus-on = Centrarse en

## El resultado en texto

result-rules = reglas { $id } { $version }
result-because-you-answered = porque respondió "{ $question }" -> { $answer }
result-source = Fuente: { $sources }
result-not-sure-about = respondió que no lo sabe: "{ $question }"
result-if-this-applies = Si es su caso:
# Tras detenerse por una urgencia; solo se dice si son más de 3.
result-not-asked = { $n ->
    [one] No se hizo 1 otra pregunta de seguridad.
   *[other] No se hicieron otras { $n } preguntas de seguridad.
}
result-not-screened = Sin evaluar: estas preguntas de seguridad no tienen respuesta:
result-heading-causes = Lo que indican sus respuestas
result-no-cause = Ninguna causa concreta destaca en sus respuestas.
result-score = (puntuación { $score })
result-cause-with-score = { $name } (puntuación { $score })
result-fit-nothing = Nada en sus respuestas lo indica.
result-heading-next-steps = Próximos pasos
result-disclaimer = Aviso:

# El bloque corto que se muestra al final.
summary-your-result = Su resultado: { $headline }
summary-what-to-do = Qué hacer:
summary-because-of = Debido a:
summary-still-open = Pendiente:
summary-not-sure-about = respondió “No lo sé” sobre signos de { $flags }; vea arriba qué hacer si los tiene
summary-and-more = { $list } y { $n } más
summary-points-to = Posibles causas:
summary-full-result-above = El resultado completo, con los motivos, está arriba.

chart-heading = Puntuación de las causas

## El informe para el profesional de la salud (Markdown y HTML)

report-title = { $title }: informe para el profesional de la salud
report-clinician-report = Informe para el profesional de la salud
report-answers-dated = fecha de las respuestas: { $date }
report-status-lower = estado: { $status }
report-label-answers-saved = Respuestas guardadas
report-label-status = Estado
report-label-rules = Reglas
report-label-version = Versión
report-rules-version = Reglas: { $id }, versión { $version }
report-not-recorded = sin registrar
report-status-complete = completo
report-status-incomplete = incompleto
report-status-stopped-at-emergency = detenido por una urgencia

report-heading-triage = Triaje
report-triage-level = Nivel de triaje: { $level }
report-triage-level-lower = nivel de triaje: { $level }
report-no-red-flag = No se activó ninguna señal de alarma.
report-red-flags-fired = Señales de alarma activadas
report-triggered-by = Activada por
report-sources = Fuentes
report-open-flags = Señales de alarma que una respuesta “No lo sé” deja abiertas (si el síntoma está presente)
report-open-flags-label = Señales de alarma que una respuesta “No lo sé” deja abiertas
report-if-it-applies = Si es el caso
report-sources-cited = Fuentes citadas

report-heading-screen = Cribado de señales de alarma
report-no-red-flag-questions = Estas reglas no tienen preguntas sobre señales de alarma.
report-column-question = Pregunta
report-column-answer = Respuesta
report-yes = sí
report-no = no
report-not-asked = sin preguntar
report-not-screened = sin evaluar
report-red-flag = señal de alarma

report-heading-pain-duration = Dolor y duración
report-pain-now = Dolor actual
report-duration = Duración

report-heading-causes = Causas probables
report-no-cause = Ninguna causa concreta destaca en las respuestas.
report-no-other-pattern = Ningún otro patrón destaca en las respuestas.
report-column-cause = Causa
report-column-score = Puntuación
report-column-evidence = Indicios
report-score-of = { $score } de { $max }
report-score-max = (máx. { $max })

report-heading-treatment = ART y rehabilitación
report-may-fit = Puede ser útil
report-not-suggested = No se recomienda por ahora
report-for = A favor
report-against = En contra
report-fit-nothing = Nada en las respuestas lo indica.

report-heading-answers = Todas las respuestas
report-no-answers = No se dio ninguna respuesta.
report-answers-in-screen = Las respuestas a las preguntas sobre señales de alarma están en el cribado de arriba.
report-answers-in-screen-note = las respuestas a las preguntas sobre señales de alarma están en el cribado de arriba

report-heading-record = Reglas, versión y fecha
report-heading-disclaimer = Aviso

## FHIR (los textos del resultado del cribado)

fhir-triage-outcome = Nivel de triaje: con qué urgencia buscar atención
fhir-method = reglas de backscreen { $id } { $version }
fhir-subject = la persona evaluada
fhir-not-screened = Sin evaluar (sin respuesta): { $questions }
fhir-reasons = Motivos: { $reasons }
fhir-reasons-against = Motivos en contra: { $reasons }
fhir-areas = Zonas
fhir-focus = Centrarse en

## HTML print

report-html-print-flag-why = ▲ marca, en el cribado de más abajo, las respuestas que activaron una señal de alarma.
report-html-print-sources = Referencias completas: en pantalla y en el archivo de reglas.
report-html-print-not-asked = { $n ->
    [one] 1 pregunta de seguridad no se hizo: no correspondía.
   *[other] { $n } preguntas de seguridad no se hicieron: no correspondían.
}
report-html-print-rest-all-no = { $n ->
    [one] La otra pregunta de seguridad: no.
   *[other] Las otras { $n } preguntas de seguridad: no.
}
report-html-print-rest = { $n ->
    [one] 1 otra pregunta de seguridad, sin señal de alarma
   *[other] Otras { $n } preguntas de seguridad, sin señal de alarma
} ({ $no } «no»).
report-html-print-full-list = Todas las respuestas: en pantalla y en el archivo de respuestas.
report-html-print-answers-rest = { $n ->
    [0] Todas las respuestas: en pantalla y en el archivo de respuestas.
    [one] 1 respuesta más: No. Todas las respuestas: en pantalla y en el archivo de respuestas.
   *[other] { $n } respuestas más: No. Todas las respuestas: en pantalla y en el archivo de respuestas.
}
report-html-print-reasons-on-screen = { $n ->
    [one] (1 motivo: en pantalla)
   *[other] ({ $n } motivos: en pantalla)
}
report-html-print-reasons-for = { $n ->
    [one] (1 motivo a favor: en pantalla)
   *[other] ({ $n } motivos a favor: en pantalla)
}
report-html-print-evidence-on-screen = Los indicios de cada patrón: en pantalla.
report-html-print-answers-counted = { $n ->
    [one] 1 respuesta
   *[other] { $n } respuestas
} además de las preguntas de seguridad ({ $no } «no»): en pantalla y en el archivo de respuestas.

## Report content

report-label-patient = Paciente
report-label-answers-file = Archivo de respuestas
# Una fecha y hora como la lee una persona: "24 de noviembre de 2026, 14:05".
report-date-time = { $day } de { $month } de { $year }, { $time }
report-month = { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
}
