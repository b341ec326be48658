# The interview's session: welcome, plain mode, replay, saving.

## La bienvenida, antes de la primera pregunta.

session-intro = Como máximo { $total ->
        [one] 1 pregunta
       *[other] { $total } preguntas
    }{ $answered ->
        [0] {""}
        [one] {" "}(ya hay 1 respuesta)
       *[other] {" "}(ya hay { $answered } respuestas)
    }, primero las de seguridad; se detiene en cuanto más respuestas ya no pueden cambiar su resultado, así que la mayoría de las personas responde muchas menos. { $minutes ->
        [one] Como máximo, 1 minuto.
       *[other] Como máximo, unos { $minutes } minutos.
    }
session-keys = Teclas: flechas e Intro para elegir, Espacio para marcar, ? si no lo sabe, Esc para volver atrás, Ctrl-C para parar.
session-keys-plain = Responda escribiendo y pulse Intro: s o n, un número, o los números de los que correspondan; ? o "no lo sé" si no lo sabe; "atrás" para volver a la pregunta anterior. Ctrl-D o Ctrl-C para parar.

## El final de la entrevista.

session-emergency-stop = ALTO: esto necesita atención de urgencia ahora. No hay más preguntas.
session-saved-so-far = Sus respuestas hasta ahora están guardadas en { $path }; para continuar: backscreen --resume { $path }
session-saved = Sus respuestas están guardadas en { $path } (solo usted puede leerlas). Un profesional de la salud puede ver este resultado con: backscreen evaluate { $path }

## Problemas que se muestran a la persona.

session-needs-terminal = la entrevista necesita una terminal para hacer sus preguntas; sin ella, escriba un archivo de respuestas y use `backscreen evaluate RESPUESTAS` (o `backscreen interview --replay RESPUESTAS` para ver lo que preguntaría)
session-warning-version = backscreen: aviso: estas respuestas se guardaron con la versión { $saved } de las reglas; se continúa con la versión { $current }
session-error-exists = { $path } ya existe; use --force para reemplazarlo, o --resume { $path } para continuarlo
session-error-cannot-save = no se pueden guardar las respuestas en { $path }
session-error-save-failed = backscreen: no se pudieron guardar las respuestas en { $path }: { $reason }; se mostrarán al final para que no se pierda nada
session-error-unsaved = backscreen: no se pudieron guardar sus respuestas en { $path } ({ $reason }). Aquí están, para que no se pierda nada:
session-error-locked = { $path } está abierto en otra sesión de backscreen; termine o detenga esa primero (dos sesiones se sobrescribirían las respuestas)
session-error-cannot-lock = no se puede bloquear { $path }
session-error-bad-link = { $path } es un enlace a un archivo al que no se puede llegar
session-error-kept = { $path } se deja como está; elija otro nombre
session-error-writing-terminal = al escribir en la terminal
session-error-reading-terminal = al leer la terminal
session-error-writing-result = al escribir el resultado

## Compartido por el modo sencillo y la repetición.


## Repetición (`interview --replay`).

replay-answer = Respuesta:
replay-emergency-confirmed = Esto necesita atención de urgencia ahora ({ $flags }). ¿Es correcto? Sí
replay-stopped-emergency = Se detuvo: una respuesta necesita atención de urgencia.
replay-stopped-decided = Se detuvo: ninguna respuesta que faltaba podía cambiar el resultado.
replay-complete = Todas las preguntas que corresponden tienen respuesta.
replay-prompts = { $n ->
        [one] 1 pantalla de preguntas.
       *[other] { $n } pantallas de preguntas.
    }
replay-error-replaying = al repetir la entrevista
replay-error-writing = al escribir la repetición

## Modo sencillo (--plain, o TERM=dumb): cada pregunta se escribe una vez y se responde escribiendo.

# Lo que la persona puede escribir, en minúsculas, separado por |. "?" siempre es "no lo sé".
plain-words-yes = s|sí|si
plain-words-no = n|no
plain-words-not-sure = no lo sé|no lo se|no sé|no se
plain-words-back = atrás|atras
plain-words-none = ninguna|ninguno

plain-how-yes-no = escriba s para sí o n para no
plain-how-choice = escriba el número de su respuesta
plain-how-choices = escriba los números de todas las que correspondan, separados por espacios o comas
plain-how-checklist = escriba los números de las que correspondan, separados por espacios o comas, o 0 si no corresponde ninguna de estas
plain-how-checklist-unsure = ponga ? delante del número de una que no sepa (por ejemplo ?{ $example })
plain-how-number = escriba un número entero de { $min } a { $max }{ $unit }
plain-how-not-sure = ? o "no lo sé" si no lo sabe
plain-how-back = "atrás" para volver a la pregunta anterior
plain-then-enter = Luego pulse Intro.
plain-keep = Solo Intro mantiene su respuesta anterior: { $answer }.
plain-your-answer = Su respuesta:
plain-recorded = Anotado: { $answer }
plain-not-sure-mark = (no lo sé)
plain-went-back = (vuelta a la pregunta anterior)

plain-wrong = "{ $typed }" no es una respuesta válida aquí.
plain-wrong-empty = No se escribió nada.
plain-wrong-none-with-others = 0 (ninguna de estas) no puede ir con otros números.
plain-wrong-exclusive = { $number } ({ $choice }) no puede ir con otras opciones.
plain-wrong-no-back = Esta es la primera pregunta: no hay ninguna anterior.

plain-check-answer = Por favor, revise esta respuesta.
plain-you-said = Usted respondió: “{ $question }” { $answer }
plain-emergency-question = Esto necesita atención de urgencia ahora. ¿Es correcto?
plain-emergency-how = Escriba s si es correcto, o n para volver y cambiar la respuesta; luego pulse Intro.
plain-back-to-question = (vuelta a la pregunta)

plain-offer-save = ¿Guardar sus respuestas en un archivo, por ejemplo para su profesional de la salud? Escriba s o n y pulse Intro (solo Intro: no).
plain-file-name = Nombre del archivo (solo Intro: { $default }; "atrás" para volver):
plain-overwrite = { $path } ya existe. ¿Reemplazarlo con estas respuestas? Escriba s o n y pulse Intro (solo Intro: no).
