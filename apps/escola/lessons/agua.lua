return [==[
{
  "title": {"pt": "O ciclo da água", "es": "El ciclo del agua", "en": "The water cycle"},
  "image": "agua.png",
  "text": {
    "pt": "O sol aquece a água de rios e mares, que evapora e sobe. No alto, o vapor esfria e forma nuvens. Quando as gotas ficam pesadas, cai a chuva, que volta aos rios e ao solo.",
    "es": "El sol calienta el agua de ríos y mares, que se evapora y sube. Arriba, el vapor se enfría y forma nubes. Cuando las gotas pesan, cae la lluvia, que vuelve a los ríos y al suelo.",
    "en": "The sun warms the water of rivers and seas, which evaporates and rises. High up, the vapour cools and forms clouds. When the drops grow heavy, rain falls back to the rivers and the soil."
  },
  "quiz": [
    {"question": {"pt": "O que forma as nuvens?", "es": "¿Qué forma las nubes?", "en": "What makes clouds?"},
     "options": [{"pt": "Vapor de água", "es": "Vapor de agua", "en": "Water vapour"},
                 {"pt": "Fumaça", "es": "Humo", "en": "Smoke"},
                 {"pt": "Areia", "es": "Arena", "en": "Sand"}], "answer": 1},
    {"question": {"pt": "O que aquece a água?", "es": "¿Qué calienta el agua?", "en": "What warms the water?"},
     "options": [{"pt": "A lua", "es": "La luna", "en": "The moon"},
                 {"pt": "O sol", "es": "El sol", "en": "The sun"}], "answer": 2}
  ]
}
]==]
