return [==[
{
  "updated": "2026-03-02",
  "items": [
    {"title": {"pt": "Vacinação contra a gripe", "es": "Vacunación contra la gripe", "en": "Flu vaccination"},
     "body": {"pt": "De 10 a 31 de março em todos os postos de saúde, das 8h às 17h. Leve o cartão de vacinação.",
              "es": "Del 10 al 31 de marzo en todos los centros de salud, de 8 a 17 h. Lleve el carnet de vacunación.",
              "en": "From 10 to 31 March at every health centre, 8 am to 5 pm. Bring your vaccination card."}},
    {"title": {"pt": "Cadastro Único: atualização", "es": "Registro Único: actualización", "en": "Single Registry: update"},
     "body": {"pt": "Famílias com cadastro de mais de dois anos devem atualizar os dados no CRAS até 30 de abril.",
              "es": "Las familias con registro de más de dos años deben actualizar sus datos en el CRAS hasta el 30 de abril.",
              "en": "Families registered more than two years ago must update their details at the CRAS by 30 April."}},
    {"title": {"pt": "Falta de água no bairro Centro", "es": "Corte de agua en el barrio Centro", "en": "Water cut in the Centro district"},
     "body": {"pt": "Quinta-feira, das 9h às 15h, para obras na rede.",
              "es": "El jueves, de 9 a 15 h, por obras en la red.",
              "en": "Thursday, 9 am to 3 pm, for work on the mains."}}
  ]
}
]==]
