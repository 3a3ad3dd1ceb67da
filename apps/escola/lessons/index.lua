return [==[
{
  "lessons": ["fracoes", "agua"]
}
]==]
