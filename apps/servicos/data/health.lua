return [==[
{
  "updated": "2026-03-02",
  "items": [
    {"name": "UBS Centro", "address": "Rua das Flores, 120", "phone": "(61) 3333-1200",
     "hours": {"pt": "Segunda a sexta, 7h às 19h", "es": "Lunes a viernes, de 7 a 19 h", "en": "Monday to Friday, 7 am to 7 pm"}},
    {"name": "UBS Vila Nova", "address": "Avenida Brasil, 455", "phone": "(61) 3333-4550",
     "hours": {"pt": "Segunda a sábado, 7h às 17h", "es": "Lunes a sábado, de 7 a 17 h", "en": "Monday to Saturday, 7 am to 5 pm"}},
    {"name": "UBS Jardim", "address": "Praça da Matriz, 8", "phone": "(61) 3333-0800",
     "hours": {"pt": "Segunda a sexta, 8h às 18h", "es": "Lunes a viernes, de 8 a 18 h", "en": "Monday to Friday, 8 am to 6 pm"}}
  ]
}
]==]
