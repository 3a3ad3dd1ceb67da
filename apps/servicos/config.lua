return [==[
{
  "service_url": "https://servicos.gov.example",
  "id_rule": "cpf",
  "timeout": 15
}
]==]
