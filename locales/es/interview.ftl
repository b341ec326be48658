# La entrevista en una terminal: preguntas que se dibujan en su sitio y se responden con teclas.

## Teclas. Una tecla es una letra, en mayúscula o minúscula; cada idioma trae las suyas.

key-yes = s
key-no = n

# La ayuda bajo una pregunta: las partes que corresponden, unidas con ", " entre ( ).
keys-yes-no = { $yes } o { $no }
keys-not-sure = ? si no lo sabe
keys-back = Esc para volver atrás
keys-pick = flechas e Intro
keys-tick = flechas, Espacio para marcar
keys-tick-done = Intro al terminar
keys-number = escriba un número y pulse Intro

## Una pregunta

# La línea de progreso: $more es cuántas preguntas, como máximo, vienen después de esta.
# Antes de la respuesta que se está dando, y antes del registro de la respuesta dada.
prompt-answer = Respuesta
# Una fila marcada con ? en una lista para marcar.
prompt-not-sure-mark = (no lo sé)
# Una lista larga muestra las filas que caben en la pantalla; estas líneas indican las demás.
prompt-more-above = { $n ->
        [one] ↑ 1 más arriba
       *[other] ↑ { $n } más arriba
    }
prompt-more-below = { $n ->
        [one] ↓ 1 más abajo
       *[other] ↓ { $n } más abajo
    }
prompt-back = (vuelta a la pregunta anterior)
# Un problema con lo escrito o marcado, en una terminal sin color.
prompt-error = error: { $message }

## Números. $unit está vacío o es la unidad tras un espacio (" años").

number-range = Respuesta (de { $min } a { $max }{ $unit })
number-range-not-sure = Respuesta (de { $min } a { $max }{ $unit }, o ? si no lo sabe)
number-refused = { $typed } no es válido: escriba un número entero de { $min } a { $max }{ $unit }
number-refused-empty = No escribió nada: escriba un número entero de { $min } a { $max }{ $unit }

## Listas para marcar: Intro sin nada marcado.

tick-empty = Marque al menos una opción (Espacio).
tick-empty-or-none = Marque al menos una opción (Espacio), o la opción de «ninguna».
tick-empty-checklist = Marque cada una que corresponda (Espacio), o «Ninguna de estas».

## La comprobación de una respuesta que necesita atención de urgencia

emergency-check = Por favor, revise esta respuesta
emergency-you-said = Usted respondió: “{ $question }” { $answer }
emergency-question = Esto necesita atención de urgencia ahora. ¿Es correcto?
emergency-keys = ({ $yes }: sí, es correcto; { $no } o Esc: volver atrás y cambiar la respuesta)
emergency-back = (vuelta a la pregunta)

## Guardar al final, cuando no se indicó --save. $keys es keys-yes-no.

save-offer = ¿Guardar sus respuestas en un archivo, por ejemplo para su profesional de la salud? ({ $keys })
save-file-name = Nombre del archivo (Esc para volver atrás)
save-overwrite = { $path } ya existe. ¿Reemplazarlo con estas respuestas? ({ $keys })
