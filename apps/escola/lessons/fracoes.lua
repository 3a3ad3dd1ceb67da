return [==[
{
  "title": {"pt": "Frações", "es": "Fracciones", "en": "Fractions"},
  "image": "fracoes.png",
  "text": {
    "pt": "Uma fração mostra partes de um todo. Se cortamos uma pizza em 4 pedaços iguais e comemos 3, comemos três quartos: 3/4. O número de baixo diz em quantas partes o todo foi dividido; o de cima, quantas partes pegamos.",
    "es": "Una fracción muestra partes de un todo. Si cortamos una pizza en 4 partes iguales y comemos 3, comemos tres cuartos: 3/4. El número de abajo dice en cuántas partes se dividió el todo; el de arriba, cuántas tomamos.",
    "en": "A fraction shows parts of a whole. If we cut a pizza into 4 equal pieces and eat 3, we eat three quarters: 3/4. The bottom number says how many parts the whole was cut into; the top one, how many we take."
  },
  "quiz": [
    {"question": {"pt": "Quanto é metade de 10?", "es": "¿Cuánto es la mitad de 10?", "en": "What is half of 10?"},
     "options": ["2", "5", "10"], "answer": 2},
    {"question": {"pt": "Qual fração é maior?", "es": "¿Qué fracción es mayor?", "en": "Which fraction is larger?"},
     "options": ["1/4", "1/3", "1/2"], "answer": 3},
    {"question": {"pt": "Três quartos se escreve:", "es": "Tres cuartos se escribe:", "en": "Three quarters is written:"},
     "options": ["3/4", "4/3", "3/3", "1/4"], "answer": 1}
  ]
}
]==]
