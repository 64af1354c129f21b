using Learning.Quizzes.Services;

namespace Learning.Quizzes.Endpoints;

public sealed record AnswerRequest(int Slot, long Seq, QuestionResponse? Response);
