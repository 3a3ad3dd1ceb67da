return [==[
{
  "updated": "2026-03-02",
  "title": {"pt": "Pagamentos de março", "es": "Pagos de marzo", "en": "March payments"},
  "items": [
    {"group": {"pt": "NIS com final 1 e 2", "es": "NIS terminado en 1 y 2", "en": "NIS ending in 1 and 2"}, "date": "18/03"},
    {"group": {"pt": "NIS com final 3 e 4", "es": "NIS terminado en 3 y 4", "en": "NIS ending in 3 and 4"}, "date": "19/03"},
    {"group": {"pt": "NIS com final 5 e 6", "es": "NIS terminado en 5 y 6", "en": "NIS ending in 5 and 6"}, "date": "20/03"},
    {"group": {"pt": "NIS com final 7 e 8", "es": "NIS terminado en 7 y 8", "en": "NIS ending in 7 and 8"}, "date": "23/03"},
    {"group": {"pt": "NIS com final 9 e 0", "es": "NIS terminado en 9 y 0", "en": "NIS ending in 9 and 0"}, "date": "24/03"}
  ]
}
]==]
