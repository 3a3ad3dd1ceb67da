return {answer = 42}
