return [==[
{
  "send_scores": false,
  "scores_url": "https://escola.gov.example/scores",
  "school": "EM-0001"
}
]==]
